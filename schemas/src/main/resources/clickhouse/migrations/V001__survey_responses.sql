-- Every survey response the gateway accepted, one row per response id.
-- The Flink sink writes at least once; ReplacingMergeTree keyed by the response id makes a replay leave one row
-- (read with FINAL). The partition key depends only on the response, so replays land in the same partition.
-- No personal data: the IP address is stored as a keyed HMAC, the e-mail only ever as an HMAC.
CREATE TABLE IF NOT EXISTS survey_responses
(
    response_id     String,
    campaign_id     String,
    organization_id String,
    respondent_role String,
    answers         String,
    started_at      DateTime,
    submitted_at    DateTime,
    received_at     DateTime,
    ip_hmac         String,
    user_agent      String,
    device_token    String,
    email_hmac      String,
    kafka_partition UInt32,
    kafka_offset    UInt64,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(submitted_at)
ORDER BY (campaign_id, organization_id, response_id);

-- Records on the responses topic that no known schema version could read: kept, with the reason, never dropped.
CREATE TABLE IF NOT EXISTS undecodable_records
(
    topic           String,
    kafka_partition UInt32,
    kafka_offset    UInt64,
    payload_bytes   UInt32,
    error           String,
    written_at      DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree()
ORDER BY (topic, kafka_partition, kafka_offset);
