package ru.noko.pipeline.response;

/** What one Kafka record turned into: a response, or the reason it could not be read. Exactly one is set. */
public class IncomingRecord {
    public ResponseRow response;
    public UndecodableRecord undecodable;
    /** Event time: the gateway's receivedAt (see pipeline/DISCUSSION.md), or the Kafka timestamp for an unreadable record. */
    public long eventTimeMillis;

    public IncomingRecord() {}

    static IncomingRecord of(ResponseRow response) {
        IncomingRecord record = new IncomingRecord();
        record.response = response;
        record.eventTimeMillis = response.receivedAtMillis;
        return record;
    }

    static IncomingRecord of(UndecodableRecord undecodable, long kafkaTimestamp) {
        IncomingRecord record = new IncomingRecord();
        record.undecodable = undecodable;
        record.eventTimeMillis = kafkaTimestamp;
        return record;
    }
}
