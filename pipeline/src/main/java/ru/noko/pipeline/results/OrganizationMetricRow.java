package ru.noko.pipeline.results;

/**
 * One figure of one organization in one campaign, as the live results table holds it. {@code version} counts the
 * changes applied (accepted responses and self-assessments), so a later state always replaces an earlier one.
 */
public class OrganizationMetricRow {
    public String campaignId;
    public String organizationId;
    public String metricId;
    public String metricName;
    /** The double nearest the exact value; 0 when the status is not OK. */
    public double value;
    /** As published: 2 decimals, half-up from the exact value; 0 when the status is not OK. */
    public double published;
    /** The exact value as a fraction ({@code 255/8}); empty when the status is not OK. */
    public String exact;
    /** Σ of the parts' numerators (for a one-part share exactly its count); 0 without parts. */
    public long numerator;
    /** Σ of the parts' denominators; 0 without parts or when the parts are items counted (points per item). */
    public long denominator;
    /** The counts the figure was computed from, {@code 5/7;6/7} ({@code 3}: items, no denominator); empty without parts. */
    public String parts;

    public String status;
    /** Why the figure is partial (weights rescaled), or empty. */
    public String note;
    /** Any figure of the organization rests on rescaled weights. */
    public boolean weightsRescaled;

    public long responses;
    public long version;

    public OrganizationMetricRow() {}

    @Override
    public String toString() {
        return "OrganizationMetricRow[" + campaignId + "/" + organizationId + " " + metricId + "=" + value + " "
                + status + " v" + version + "]";
    }
}
