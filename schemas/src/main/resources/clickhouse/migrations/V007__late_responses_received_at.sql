-- Event time is the gateway's receivedAt (pipeline/DISCUSSION.md): a late response is one received before the
-- watermark it arrived behind. Rows written before this column existed show their submitted_at here.
ALTER TABLE late_responses ADD COLUMN received_at DateTime DEFAULT submitted_at AFTER submitted_at
