-- An organization's self-assessment in a campaign (issue 20): the form as it is now, a draft saved on every change,
-- and every submitted version kept as it was submitted. answers: item id -> {present, notApplicable, photos, link,
-- comment}, the methodology's ItemAnswer; inputs: the expert inputs counted from them when submitted.
CREATE TABLE self_assessments
(
    campaign_id     TEXT        NOT NULL,
    organization_id TEXT        NOT NULL REFERENCES organizations (id),
    -- DRAFT: being filled; SUBMITTED: locked, its figures published; RETURNED: the operator sent it back
    state           TEXT        NOT NULL CHECK (state IN ('DRAFT', 'SUBMITTED', 'RETURNED')),
    answers         JSONB       NOT NULL,
    return_comment  TEXT,
    versions        INTEGER     NOT NULL DEFAULT 0,
    updated_by      TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, organization_id)
);

CREATE TABLE self_assessment_versions
(
    campaign_id     TEXT        NOT NULL,
    organization_id TEXT        NOT NULL,
    version         INTEGER     NOT NULL,
    answers         JSONB       NOT NULL,
    inputs          JSONB       NOT NULL,
    submitted_by    TEXT        NOT NULL,
    submitted_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, organization_id, version),
    FOREIGN KEY (campaign_id, organization_id) REFERENCES self_assessments (campaign_id, organization_id)
);
