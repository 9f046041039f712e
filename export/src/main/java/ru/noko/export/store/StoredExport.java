package ru.noko.export.store;

import java.time.Instant;

/**
 * One export a store holds.
 *
 * @param campaignId the campaign
 * @param cutOff the responses received before this instant count
 * @param location where it is: a folder, or {@code s3://bucket/key-prefix/}
 */
public record StoredExport(String campaignId, Instant cutOff, String location) {}
