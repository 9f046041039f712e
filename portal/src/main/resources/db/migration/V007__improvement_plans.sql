-- Improvement plans (issue 22): after a campaign's results are published, each organization gets a plan in the
-- federal form, its measures grouped by criterion (K1–K5): the deficiency found, the measure, the planned date, the
-- responsible person (name and position) and the progress (measures taken, actual date).
CREATE TABLE improvement_plans
(
    campaign_id     TEXT        NOT NULL,
    organization_id TEXT        NOT NULL REFERENCES organizations (id),
    -- DRAFT: the organization edits it; SUBMITTED: its municipality or the operator reviews it; APPROVED: public,
    -- progress reported against the dates; RETURNED: back to the organization with the reviewer's comment
    state           TEXT        NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
    review_comment  TEXT,
    reviewed_by     TEXT,
    reviewed_at     TIMESTAMPTZ,
    updated_by      TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, organization_id)
);

CREATE TABLE improvement_measures
(
    id                   BIGSERIAL PRIMARY KEY,
    campaign_id          TEXT NOT NULL,
    organization_id      TEXT NOT NULL,
    criterion            TEXT NOT NULL CHECK (criterion IN ('K1', 'K2', 'K3', 'K4', 'K5')),
    deficiency           TEXT NOT NULL,
    measure              TEXT NOT NULL DEFAULT '',
    planned_date         DATE,
    responsible_name     TEXT NOT NULL DEFAULT '',
    responsible_position TEXT NOT NULL DEFAULT '',
    taken                TEXT NOT NULL DEFAULT '',
    actual_date          DATE,
    -- what proposed the row: an indicator below the threshold ('indicator:1.1'), an item missing from the checklist
    -- ('checklist:<item>'), or nothing (added by the organization)
    source               TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (campaign_id, organization_id) REFERENCES improvement_plans (campaign_id, organization_id)
);

CREATE INDEX improvement_measures_plan ON improvement_measures (campaign_id, organization_id, criterion, id);

-- The threshold below which an indicator proposes a measure, set by the operator when publishing a campaign.
CREATE TABLE plan_thresholds
(
    campaign_id TEXT PRIMARY KEY,
    threshold   NUMERIC(5, 2) NOT NULL CHECK (threshold BETWEEN 0 AND 100),
    set_by      TEXT          NOT NULL,
    set_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- What the dashboard «Планы по устранению недостатков» reads through Grafana's PostgreSQL data source: one row per
-- measure of a submitted or approved plan, with its municipality and status, and no person's name.
CREATE VIEW plan_measures_report AS
SELECT m.campaign_id,
       m.organization_id,
       o.name         AS organization_name,
       o.municipality,
       o.region,
       p.state        AS plan_state,
       m.criterion,
       m.planned_date,
       m.actual_date,
       CASE
           WHEN m.actual_date IS NOT NULL THEN 'done'
           WHEN m.planned_date IS NOT NULL AND m.planned_date < current_date THEN 'overdue'
           ELSE 'in_progress'
           END        AS status
FROM improvement_measures m
         JOIN improvement_plans p ON p.campaign_id = m.campaign_id AND p.organization_id = m.organization_id
         JOIN organizations o ON o.id = m.organization_id;

-- Grafana signs in with its own login, a member of the role noko_dashboards, which reads that view alone. The
-- deployment makes the role when the database is first made (deploy/postgres/dashboards-role.sh, as the superuser);
-- the portal's own account may not make roles, so the grant waits for the role to exist.
DO
$$
    BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'noko_dashboards') THEN
            GRANT SELECT ON plan_measures_report TO noko_dashboards;
        END IF;
    END
$$;
