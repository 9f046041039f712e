-- The client's Idempotency-Key, '' when it sent none. Resubmissions of one form share it: the same body gets the same
-- response id (one row here), another body under the same key is rejected by the checks (IDEMPOTENCY_CONFLICT), and
-- ./noko recheck needs the key to judge that again.
ALTER TABLE survey_responses ADD COLUMN idempotency_key String DEFAULT '' AFTER email_hmac
