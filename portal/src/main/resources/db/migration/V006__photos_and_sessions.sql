-- Photos of self-assessments (issue 20): each one as stored (cleaned of its metadata) and its thumbnail, under keys
-- of the file store. id is random and appears in URLs; who may see a photo is decided by its organization.
CREATE TABLE self_assessment_photos
(
    id              TEXT PRIMARY KEY,
    campaign_id     TEXT        NOT NULL,
    organization_id TEXT        NOT NULL REFERENCES organizations (id),
    item_id         TEXT        NOT NULL,
    photo_key       TEXT        NOT NULL,
    thumbnail_key   TEXT        NOT NULL,
    media_type      TEXT        NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    width           INTEGER     NOT NULL,
    height          INTEGER     NOT NULL,
    uploaded_by     TEXT        NOT NULL,
    uploaded_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX self_assessment_photos_of_form ON self_assessment_photos (campaign_id, organization_id, item_id);

-- Organized sessions (a computer class, confirmed by the director's order): registered, changed and cancelled here,
-- each step published to the sessions topic the anti-fraud checks read. address: the class's public IP address.
CREATE TABLE organized_sessions
(
    id              TEXT PRIMARY KEY,
    campaign_id     TEXT        NOT NULL,
    organization_id TEXT        NOT NULL REFERENCES organizations (id),
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    address         TEXT        NOT NULL,
    participants    INTEGER     NOT NULL CHECK (participants BETWEEN 1 AND 1000),
    order_key       TEXT        NOT NULL,
    order_pages     INTEGER     NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('REGISTERED', 'CANCELLED')),
    registered_by   TEXT        NOT NULL,
    registered_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    changed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    cancelled_by    TEXT
);

CREATE INDEX organized_sessions_of_organization ON organized_sessions (organization_id, starts_at);
CREATE INDEX organized_sessions_by_start ON organized_sessions (starts_at);
