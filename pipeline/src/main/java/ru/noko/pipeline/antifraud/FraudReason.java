package ru.noko.pipeline.antifraud;

/** Why a response was rejected or flagged; the codes are stored with the verdict and counted on dashboards. */
public enum FraudReason {
    /** Submitted sooner after opening the form than the campaign's minimum fill time. */
    TOO_FAST,
    /** An earlier response (in event time) of the same organization and role came with the same e-mail HMAC. */
    DUPLICATE_EMAIL,
    /** An earlier response of the same organization and role came from the same device token. */
    DUPLICATE_DEVICE,
    /** The IP address reached the campaign's limit for one organization within the sliding window. */
    IP_LIMIT_ORGANIZATION,
    /** The IP address reached the campaign's limit across all organizations within the sliding window. */
    IP_LIMIT_ALL_ORGANIZATIONS,
    /**
     * An earlier response (in receipt order) of the same organization came with the same Idempotency-Key but another
     * body: the key is one form's, the first submission under it counts.
     */
    IDEMPOTENCY_CONFLICT
}
