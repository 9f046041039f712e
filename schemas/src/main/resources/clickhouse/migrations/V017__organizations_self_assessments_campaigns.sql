-- What dashboards and exports join the figures with: the registry (names, INN, territory, type, the contingent per
-- role as JSON, so an export can recompute coverage from ClickHouse alone), which organization
-- filed its self-assessment for which campaign, and the campaigns themselves (title, the previous campaign to compare
-- against). The registry and self-assessments are written by the pipeline from their topics (version = the record's
-- Kafka offset: a later entry for the same organization replaces an earlier one); campaigns at every start of the job
-- from the campaign files (version = the start time).
CREATE TABLE IF NOT EXISTS organizations
(
    organization_id   String,
    name              String,
    inn               String,
    organization_type String,
    municipality      String,
    region            String,
    contingent        String,
    version           UInt64,
    written_at        DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY organization_id;

CREATE TABLE IF NOT EXISTS self_assessments
(
    campaign_id     String,
    organization_id String,
    inputs          String,
    version         UInt64,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (campaign_id, organization_id);

CREATE TABLE IF NOT EXISTS campaigns
(
    campaign_id          String,
    title                String,
    instrument           String,
    model                String,
    edition              String,
    coverage_target      Float64,
    previous_campaign_id String,
    version              UInt64,
    written_at           DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY campaign_id
