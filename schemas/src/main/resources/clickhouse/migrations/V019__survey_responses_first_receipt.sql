-- A response's receipt is its first receipt (issue 21). The same response (same id) may arrive again much later, a
-- client's resubmission; the table used to keep whichever copy was written last, so FINAL could show the later copy's
-- received_at, and the re-check and the exports judged and cut off by it. Now the copy received first is kept, in
-- whatever order the copies are written: first_receipt, the engine's version, is the largest for the earliest
-- received_at_ms. The engine's version column cannot be added to a table, so the table is created anew, the rows
-- copied (two copies of one response become one, the first) and the tables renamed. Safe to run again after a start-up
-- cut short: a leftover of an earlier attempt is dropped first, and copying twice leaves one row per response.
DROP TABLE IF EXISTS survey_responses_last_receipt;

CREATE TABLE IF NOT EXISTS survey_responses_by_first_receipt
(
    response_id     String,
    campaign_id     String,
    organization_id String,
    respondent_role String,
    answers         String,
    started_at      DateTime,
    submitted_at    DateTime,
    received_at     DateTime,
    started_at_ms   UInt64,
    submitted_at_ms UInt64,
    received_at_ms  UInt64,
    ip_hmac         String,
    user_agent      String,
    device_token    String,
    email_hmac      String,
    idempotency_key String DEFAULT '',
    kafka_partition UInt32,
    kafka_offset    UInt64,
    written_at      DateTime DEFAULT now(),
    first_receipt   UInt64 DEFAULT 18446744073709551615 - received_at_ms
)
ENGINE = ReplacingMergeTree(first_receipt)
PARTITION BY toYYYYMM(submitted_at)
ORDER BY (campaign_id, organization_id, response_id);

INSERT INTO survey_responses_by_first_receipt (response_id, campaign_id, organization_id, respondent_role, answers,
    started_at, submitted_at, received_at, started_at_ms, submitted_at_ms, received_at_ms, ip_hmac, user_agent,
    device_token, email_hmac, idempotency_key, kafka_partition, kafka_offset, written_at, first_receipt)
SELECT response_id, campaign_id, organization_id, respondent_role, answers, started_at, submitted_at, received_at,
    started_at_ms, submitted_at_ms, received_at_ms, ip_hmac, user_agent, device_token, email_hmac, idempotency_key,
    kafka_partition, kafka_offset, written_at, 18446744073709551615 - received_at_ms
FROM survey_responses;

RENAME TABLE survey_responses TO survey_responses_last_receipt, survey_responses_by_first_receipt TO survey_responses;

DROP TABLE IF EXISTS survey_responses_last_receipt
