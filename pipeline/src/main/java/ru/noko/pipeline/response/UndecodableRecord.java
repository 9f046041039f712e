package ru.noko.pipeline.response;

/** A record on the responses topic that no known schema version could read; stored with the reason, never dropped. */
public class UndecodableRecord {
    static final int MAX_ERROR_LENGTH = 500;

    public String topic;
    public int kafkaPartition;
    public long kafkaOffset;
    public int payloadBytes;
    public String error;

    public UndecodableRecord() {}

    /** The record's position and size, and why it could not be read (cut to 500 characters). */
    public static UndecodableRecord of(
            org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record, String error) {
        UndecodableRecord undecodable = new UndecodableRecord();
        undecodable.topic = record.topic();
        undecodable.kafkaPartition = record.partition();
        undecodable.kafkaOffset = record.offset();
        undecodable.payloadBytes = record.value() == null ? 0 : record.value().length;
        undecodable.error = cut(error);
        return undecodable;
    }

    /** The reason cut to 500 characters. */
    public static String cut(String error) {
        String message = String.valueOf(error);
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }

    @Override
    public String toString() {
        return "UndecodableRecord[" + topic + " " + kafkaPartition + "@" + kafkaOffset + ": " + error + "]";
    }
}
