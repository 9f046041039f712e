package ru.noko.pipeline.results;

/**
 * One figure of a municipality or a region (municipality empty), in all or for one organization type (type empty),
 * as the live territory table holds it; {@code version} grows with every change of its organizations.
 */
public class TerritoryMetricRow {
    public String campaignId;
    public String region;
    public String municipality;
    public String organizationType;
    public String metricId;
    public String metricName;
    /** Mean over organizations (the methodology's figure); 0 when no organization has the figure. */
    public double mean;
    /** Mean weighted by responses; 0 when undefined. */
    public double respondentWeighted;
    /** Organizations with the figure defined. */
    public int organizations;
    public long version;

    public TerritoryMetricRow() {}
}
