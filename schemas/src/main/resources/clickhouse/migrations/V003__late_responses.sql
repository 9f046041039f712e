-- Responses that reached the pipeline behind the watermark. They were judged on arrival (see response_verdicts);
-- a recomputation in strict event-time order (the batch score command) may judge them differently.
CREATE TABLE IF NOT EXISTS late_responses
(
    response_id     String,
    campaign_id     String,
    organization_id String,
    submitted_at    DateTime,
    watermark_at    DateTime,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree()
ORDER BY (campaign_id, organization_id, response_id);
