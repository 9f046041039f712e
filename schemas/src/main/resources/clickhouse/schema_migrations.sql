-- Which migrations ran, and the checksum of what ran: a migration edited after it ran stops the start-up.
CREATE TABLE IF NOT EXISTS schema_migrations
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime
)
ENGINE = ReplacingMergeTree
ORDER BY version
