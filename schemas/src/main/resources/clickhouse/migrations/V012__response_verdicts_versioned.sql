-- Verdicts get a version, so a corrected verdict replaces the live one for good: the stream writes version 0
-- (checked_by 'live'), the batch re-check (./noko recheck) writes the verdicts it corrects with the time of the re-check
-- in milliseconds (checked_by 'recheck'); a live verdict replayed after a restart never undoes a correction. Read with
-- FINAL (or argMax(..., version)). received_at is the gateway's receipt time, the event time the checks order by.
-- The engine's version column cannot be added to a table, so the table is created anew and the verdicts copied. If a
-- start-up stops between the rename and the drop, drop response_verdicts_unversioned by hand.
CREATE TABLE IF NOT EXISTS response_verdicts_versioned
(
    response_id     String,
    campaign_id     String,
    organization_id String,
    respondent_role String,
    submitted_at    DateTime,
    received_at     DateTime,
    verdict         String,
    rejections      String,
    flags           String,
    version         UInt64,
    checked_by      String,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(submitted_at)
ORDER BY (campaign_id, organization_id, response_id);

INSERT INTO response_verdicts_versioned (response_id, campaign_id, organization_id, respondent_role, submitted_at,
    received_at, verdict, rejections, flags, version, checked_by, written_at)
SELECT response_id, campaign_id, organization_id, respondent_role, submitted_at, submitted_at, verdict, rejections,
    flags, 0, 'live', written_at
FROM response_verdicts;

RENAME TABLE response_verdicts TO response_verdicts_unversioned, response_verdicts_versioned TO response_verdicts;

DROP TABLE IF EXISTS response_verdicts_unversioned
