package ru.noko.pipeline.response;

/**
 * A survey response as the pipeline carries it: flat, pseudonymized (the IP address is an HMAC from here on), with
 * the Kafka position it came from. A Flink POJO (public fields, no-argument constructor), so it never falls back to
 * Kryo.
 */
public class ResponseRow {
    public String responseId;
    public String campaignId;
    public String organizationId;
    public String respondentRole;
    /** Answers as a JSON object with sorted keys, so a replay produces the same bytes. */
    public String answersJson;

    public long startedAtMillis;
    public long submittedAtMillis;
    public long receivedAtMillis;
    public String ipHmac;
    public String userAgent;
    public String deviceToken;
    public String emailHmac;
    /** The client's Idempotency-Key, '' when none. */
    public String idempotencyKey;
    /**
     * The answers' counts by the campaign's scoring model, in its {@code counterIds} order, computed once while
     * decoding: the checks and the live figures need them, not the answers. Empty for an unknown campaign.
     */
    public long[] counts;

    public int kafkaPartition;
    public long kafkaOffset;

    public ResponseRow() {}

    @Override
    public String toString() {
        return "ResponseRow[" + responseId + " " + campaignId + "/" + organizationId + "/" + respondentRole + " at "
                + submittedAtMillis + ", kafka " + kafkaPartition + "@" + kafkaOffset + "]";
    }
}
