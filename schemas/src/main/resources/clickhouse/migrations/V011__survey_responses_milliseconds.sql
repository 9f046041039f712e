-- The times to the millisecond (18.16 has no DateTime64): the anti-fraud checks order and window by received_at in
-- milliseconds and measure the fill time in milliseconds, so the batch re-check (./noko recheck) needs them to judge
-- the stored responses exactly as the stream did. Rows written before this column existed have whole seconds.
ALTER TABLE survey_responses
    ADD COLUMN started_at_ms UInt64 DEFAULT toUInt64(started_at) * 1000 AFTER received_at,
    ADD COLUMN submitted_at_ms UInt64 DEFAULT toUInt64(submitted_at) * 1000 AFTER started_at_ms,
    ADD COLUMN received_at_ms UInt64 DEFAULT toUInt64(received_at) * 1000 AFTER submitted_at_ms
