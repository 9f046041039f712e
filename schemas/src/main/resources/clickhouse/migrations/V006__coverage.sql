-- Coverage against the campaign's representativeness target, per respondent role with a contingent, and the display
-- level of the main figure (rating level, mechanism level; '' while undefined). For an organization: representative
-- = every role met its required number. For a territory (municipality '' = the whole region, organization_type '' =
-- all types): sums over its organizations, representative = how many of them are representative.
CREATE TABLE IF NOT EXISTS organization_coverage
(
    campaign_id     String,
    organization_id String,
    role            String,
    responses       UInt64,
    contingent      UInt64,
    required        UInt64,
    share           Float64,
    met             UInt8,
    representative  UInt8,
    level           String,
    version         UInt64,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (campaign_id, organization_id, role);

CREATE TABLE IF NOT EXISTS territory_coverage
(
    campaign_id       String,
    region            String,
    municipality      String,
    organization_type String,
    role              String,
    responses         UInt64,
    contingent        UInt64,
    required          UInt64,
    share             Float64,
    met               UInt8,
    organizations     UInt32,
    representative    UInt32,
    level             String,
    version           UInt64,
    written_at        DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (campaign_id, region, municipality, organization_type, role);
