-- The counts each figure was computed from (docs/methodology.md, section 4.4), for the organization card and the
-- ministry's export. parts lists them as text, 'numerator/denominator' separated by ';' ('5/7;6/7' for 1.3 in
-- edition B, '8/10;36/40' for 1.1); a part with no denominator is the bare number of items a points-per-item
-- indicator counted ('3' for 1.2). numerator and denominator are the sums over the parts: for a one-part share exactly
-- its counts. Criteria, S and undefined figures have 0, 0 and ''; so do rows written before this migration, until the
-- organization's figures next change. One statement, so a start-up cut short leaves the table either before or after
-- it (18.16 has no ADD COLUMN IF NOT EXISTS).
ALTER TABLE organization_results
    ADD COLUMN numerator UInt64 DEFAULT 0 AFTER exact,
    ADD COLUMN denominator UInt64 DEFAULT 0 AFTER numerator,
    ADD COLUMN parts String DEFAULT '' AFTER denominator
