-- Live figures per campaign, region, municipality ('' = the whole region) and organization type ('' = all types):
-- mean over organizations (the methodology's figure) and, as a separate figure, the mean weighted by responses,
-- over the organizations where the figure is defined (organizations = 0: no data, the means are 0).
-- version grows with every change of the territory's organizations; read with FINAL or argMax(..., version).
CREATE TABLE IF NOT EXISTS territory_results
(
    campaign_id         String,
    region              String,
    municipality        String,
    organization_type   String,
    metric_id           String,
    metric_name         String,
    mean                Float64,
    respondent_weighted Float64,
    organizations       UInt32,
    version             UInt64,
    written_at          DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (campaign_id, region, municipality, organization_type, metric_id);
