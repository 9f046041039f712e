-- Campaigns the operator made or changed in the portal, as the text of a campaign file (the import format): the
-- bundled and NOKO_CAMPAIGNS_DIR campaigns are known without a row here; a row of the same id replaces one of them.
CREATE TABLE campaigns
(
    id         TEXT PRIMARY KEY,
    definition TEXT        NOT NULL,
    version    INTEGER     NOT NULL DEFAULT 1,
    updated_by TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
