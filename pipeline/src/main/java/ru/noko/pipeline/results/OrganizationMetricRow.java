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
    /** 0 when the status is not OK. */
    public double value;
    public String status;
    public long responses;
    public long version;

    public OrganizationMetricRow() {}

    @Override
    public String toString() {
        return "OrganizationMetricRow[" + campaignId + "/" + organizationId + " " + metricId + "=" + value + " " + status
                + " v" + version + "]";
    }
}
