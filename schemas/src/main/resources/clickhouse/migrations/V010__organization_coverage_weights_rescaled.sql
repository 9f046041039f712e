-- The organization's figures rest on rescaled weights somewhere (a criterion with an indicator nobody could answer):
-- the flag beside its representativeness, on each of its role rows.
ALTER TABLE organization_coverage ADD COLUMN weights_rescaled UInt8 DEFAULT 0 AFTER representative
