-- Live figures per campaign, organization and metric (indicators, criteria, score; topic shares), from accepted
-- responses and the latest self-assessment. version counts the changes applied (responses and self-assessments): the
-- newest state replaces older ones (read with FINAL or argMax(value, version)). status OK, NO_DATA (zero denominator) or MISSING_INPUT (self-assessment not filed);
-- value is 0 unless status is OK.
CREATE TABLE IF NOT EXISTS organization_results
(
    campaign_id     String,
    organization_id String,
    metric_id       String,
    metric_name     String,
    value           Float64,
    status          String,
    responses       UInt64,
    version         UInt64,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (campaign_id, organization_id, metric_id);
