-- Lateness is recorded where the judging happens: by the anti-fraud check (check_name 'organization' or
-- 'across-organizations') whose watermark a response arrived behind, so every row here is a response that check
-- judged on arrival rather than in receipt order. The earlier rows were marked by the source's watermark, which the
-- checks do not use (they listed responses that were judged in order), so they are dropped, not copied.
-- behind_ms: how far the response's received_at was behind that watermark.
DROP TABLE IF EXISTS late_responses;

CREATE TABLE IF NOT EXISTS late_responses
(
    response_id     String,
    campaign_id     String,
    organization_id String,
    check_name      String,
    submitted_at    DateTime,
    received_at     DateTime,
    watermark_at    DateTime,
    behind_ms       UInt64,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree()
ORDER BY (campaign_id, organization_id, response_id, check_name)
