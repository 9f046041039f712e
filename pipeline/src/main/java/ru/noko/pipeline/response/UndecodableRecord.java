package ru.noko.pipeline.response;

/** A record on the responses topic that no known schema version could read; stored with the reason, never dropped. */
public class UndecodableRecord {
    public String topic;
    public int kafkaPartition;
    public long kafkaOffset;
    public int payloadBytes;
    public String error;

    public UndecodableRecord() {}

    @Override
    public String toString() {
        return "UndecodableRecord[" + topic + " " + kafkaPartition + "@" + kafkaOffset + ": " + error + "]";
    }
}
