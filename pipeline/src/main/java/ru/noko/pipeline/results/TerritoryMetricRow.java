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
    /** How the territory's figure is formed: organizationMean or pooledAnswers ({@code TerritoryBasis}). */
    public String basis;
    /** The territory's figure by that rule, the double nearest the exact value; 0 when undefined. */
    public double value;
    /** The figure as published: 2 decimals, half-up from the exact value; 0 when undefined. */
    public double published;
    /** Mean over organizations; 0 when no organization has the figure. */
    public double mean;

    public double meanPublished;
    /** Mean weighted by responses; 0 when undefined. */
    public double respondentWeighted;

    public double respondentWeightedPublished;
    /** The share over the territory's answers pooled together, where the model pools; 0 otherwise. */
    public double pooled;

    public double pooledPublished;
    /** Organizations with the figure defined. */
    public int organizations;

    public long version;

    public TerritoryMetricRow() {}
}
