-- Organized sessions as registered (a computer class confirmed by the director's order), kept so the batch re-check
-- and an organization contesting a verdict see the sessions the checks saw. The address only as its keyed HMAC.
-- A session registered again under the same id replaces the earlier registration (version: its Kafka offset).
CREATE TABLE IF NOT EXISTS organized_sessions
(
    session_id      String,
    campaign_id     String,
    organization_id String,
    ip_hmac         String,
    from_ms         UInt64,
    to_ms           UInt64,
    participants    UInt32,
    version         UInt64,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (campaign_id, organization_id, session_id)
