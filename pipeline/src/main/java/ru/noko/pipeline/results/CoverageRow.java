package ru.noko.pipeline.results;

/**
 * Coverage of one respondent role of an organization (territory fields empty) or of a territory (organization empty),
 * with the display level of the main figure; versioned like the figures.
 */
public class CoverageRow {
    public String campaignId;
    public String organizationId = "";
    public String region = "";
    public String municipality = "";
    public String organizationType = "";
    public String role;
    public long responses;
    public long contingent;
    public long required;
    /** responses / contingent, 0..1 (the double nearest the exact share); 0 without a contingent. */
    public double share;

    public boolean met;
    /** Organization: 1 or 0. Territory: representative organizations. */
    public int representative;
    /** Organization: any of its figures rests on rescaled weights. */
    public boolean weightsRescaled;
    /** Territory: organizations in it. */
    public int organizations;

    public String level = "";
    public long version;

    public CoverageRow() {}
}
