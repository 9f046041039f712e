package ru.noko.pipeline.results;

import ru.noko.pipeline.response.UndecodableRecord;

/**
 * What is known of an organization besides its responses: its registry entry (kind {@code registry}, all campaigns),
 * its self-assessment for one campaign (kind {@code self-assessment}), or a verdict the batch re-check corrected (kind
 * {@code verdict-correction}, a {@link VerdictCorrection}). The payload is checked JSON.
 */
public class OrganizationFact {
    public static final String REGISTRY = "registry";
    public static final String SELF_ASSESSMENT = "self-assessment";
    public static final String VERDICT_CORRECTION = "verdict-correction";

    public String kind;
    public String organizationId;
    /** For a self-assessment or a verdict correction. */
    public String campaignId;

    public String json;
    /** The record's Kafka offset: facts of one organization share a partition, so a later fact has a larger one. */
    public long version;

    /** Where the record came from, should a check against its campaign set it aside as unreadable. */
    public String topic;

    public int kafkaPartition;
    public int payloadBytes;

    public OrganizationFact() {}

    /** The fact as an unreadable record, with the reason a check against its campaign found. */
    public UndecodableRecord undecodable(String reason) {
        UndecodableRecord record = new UndecodableRecord();
        record.topic = topic;
        record.kafkaPartition = kafkaPartition;
        record.kafkaOffset = version;
        record.payloadBytes = payloadBytes;
        record.error = UndecodableRecord.cut(kind + ": " + reason);
        return record;
    }
}
