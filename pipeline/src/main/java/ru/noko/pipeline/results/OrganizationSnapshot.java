package ru.noko.pipeline.results;

/**
 * Everything the roll-ups need of one organization in one campaign: its registry entry, its counters and its
 * self-assessment, as JSON, and the number of changes applied ({@code version}).
 */
public class OrganizationSnapshot {
    public String campaignId;
    public String organizationId;
    public String region;
    public String registryJson;
    public long responses;
    public String responsesByRoleJson;
    public String countsJson;
    public String inputsJson;
    public long version;

    public OrganizationSnapshot() {}

    public static String territoryKey(OrganizationSnapshot snapshot) {
        return snapshot.campaignId + "|" + snapshot.region;
    }
}
