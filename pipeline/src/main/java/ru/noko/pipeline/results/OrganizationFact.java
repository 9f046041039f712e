package ru.noko.pipeline.results;

/**
 * What is known of an organization besides its responses: its registry entry (kind {@code registry}, all campaigns)
 * or its self-assessment for one campaign (kind {@code self-assessment}). The payload is checked JSON.
 */
public class OrganizationFact {
    public static final String REGISTRY = "registry";
    public static final String SELF_ASSESSMENT = "self-assessment";

    public String kind;
    public String organizationId;
    /** Only for a self-assessment. */
    public String campaignId;
    public String json;

    public OrganizationFact() {}
}
