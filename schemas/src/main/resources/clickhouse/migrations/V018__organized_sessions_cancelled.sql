-- A session the organization or the operator cancelled (issue 20): the cancellation repeats the session and replaces
-- its row (a later version), so the re-check sees that it no longer lifts the address's limit.
ALTER TABLE organized_sessions ADD COLUMN cancelled UInt8 DEFAULT 0 AFTER participants
