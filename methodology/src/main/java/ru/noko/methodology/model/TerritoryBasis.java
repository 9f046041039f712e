package ru.noko.methodology.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the published figure of a municipality or region is formed from its organizations. */
public enum TerritoryBasis {
    /** The plain mean of the organizations' figures, each organization counting once (the НОКО methodology). */
    @JsonProperty("organizationMean")
    ORGANIZATION_MEAN,
    /**
     * The figure computed from the territory's answers pooled together, each answer counting once: for a survey whose
     * object is the territory itself (municipal mechanisms), where organizations are only where respondents work.
     */
    @JsonProperty("pooledAnswers")
    POOLED_ANSWERS;

    /** The code stored in the live tables and written in the score output. */
    public String code() {
        return this == ORGANIZATION_MEAN ? "organizationMean" : "pooledAnswers";
    }
}
