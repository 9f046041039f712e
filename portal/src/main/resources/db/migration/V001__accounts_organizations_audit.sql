-- The portal's own data: the region's organizations as the operator imported them, the accounts of everyone who
-- signs in, one-time password reset links, and the audit log. Responses and figures live in Kafka and ClickHouse.

CREATE TABLE organizations
(
    id           TEXT PRIMARY KEY,
    name         TEXT        NOT NULL,
    inn          TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    municipality TEXT        NOT NULL,
    region       TEXT        NOT NULL,
    -- role -> number of people, as in the registry's contingent_<role> columns
    contingent   JSONB       NOT NULL,
    -- false once a later import no longer has it: kept, since its account and audit rows refer to it
    active       BOOLEAN     NOT NULL DEFAULT TRUE,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX organizations_by_municipality ON organizations (municipality, name);

CREATE TABLE accounts
(
    id                   BIGSERIAL PRIMARY KEY,
    login                TEXT        NOT NULL UNIQUE,
    -- Spring Security's delegating encoding ({bcrypt}...); never the password itself
    password_hash        TEXT        NOT NULL,
    role                 TEXT        NOT NULL CHECK (role IN ('REGION', 'MUNICIPALITY', 'ORGANIZATION', 'MINISTRY')),
    organization_id      TEXT REFERENCES organizations (id),
    municipality         TEXT,
    full_name            TEXT        NOT NULL DEFAULT '',
    must_change_password BOOLEAN     NOT NULL DEFAULT TRUE,
    blocked              BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((role = 'ORGANIZATION') = (organization_id IS NOT NULL)),
    CHECK ((role = 'MUNICIPALITY') = (municipality IS NOT NULL))
);

CREATE TABLE password_resets
(
    -- SHA-256 of the link's token: the link itself is shown once and never stored
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

CREATE TABLE audit_log
(
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor      TEXT        NOT NULL,
    role       TEXT        NOT NULL,
    action     TEXT        NOT NULL,
    object     TEXT        NOT NULL DEFAULT '',
    before     TEXT,
    after      TEXT,
    address    TEXT        NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_by_time ON audit_log (at DESC);

-- Append-only: no code path updates or deletes a row, and the database refuses it if one tried.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE OR TRUNCATE
    ON audit_log
    FOR EACH STATEMENT
EXECUTE FUNCTION audit_log_is_append_only();

-- An upload the operator has checked but not confirmed yet: the preview shows it against the organizations above.
CREATE TABLE registry_drafts
(
    id          TEXT PRIMARY KEY,
    uploaded_by TEXT        NOT NULL,
    file_name   TEXT        NOT NULL,
    registry    JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
