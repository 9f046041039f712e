package ru.noko.pipeline.results;

/**
 * Everything the roll-ups need of one organization in one campaign: its registry entry and self-assessment as
 * JSON, its counters as arrays, and the number of changes applied ({@code version}).
 */
public class OrganizationSnapshot {
    public String campaignId;
    public String organizationId;
    public String region;
    public String registryJson;
    public long responses;
    /** Accepted responses per role: roles[i] sent roleResponses[i]. */
    public String[] roles;

    public long[] roleResponses;
    /** The model's counts in its counterIds order. */
    public long[] counts;

    public String inputsJson;
    public long version;

    public OrganizationSnapshot() {}

    public static String territoryKey(OrganizationSnapshot snapshot) {
        return snapshot.campaignId + "|" + snapshot.region;
    }
}
