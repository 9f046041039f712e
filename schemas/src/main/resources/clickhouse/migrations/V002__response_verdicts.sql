-- The anti-fraud verdict of every response: accepted, review (accepted, flagged for an analyst) or rejected, with the
-- reason codes (comma-separated, sorted). Rejected responses are kept here with their reasons, never dropped.
-- Verdicts are deterministic for the responses' event-time order, so a replay writes the same row again and
-- ReplacingMergeTree keeps one (read with FINAL).
CREATE TABLE IF NOT EXISTS response_verdicts
(
    response_id     String,
    campaign_id     String,
    organization_id String,
    respondent_role String,
    submitted_at    DateTime,
    verdict         String,
    rejections      String,
    flags           String,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(submitted_at)
ORDER BY (campaign_id, organization_id, response_id);
