package ru.noko.methodology.scoring;

/** Whether a figure could be computed, and if not, why. */
public enum MetricStatus {
    /** Computed. */
    OK,
    /** Its denominator is zero (nobody used the site, no respondent has a disability, no responses): undefined, never 0 or 100. */
    NO_DATA,
    /** An expert input it needs has not been filed in the organization's self-assessment. */
    MISSING_INPUT;
}
