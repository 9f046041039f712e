-- Figures are exact fractions (docs/methodology.md, rounding): value is the double nearest the exact value, published
-- the value as published (2 decimals, rounded half-up from the exact value: 255/8 is 31.88), exact the fraction
-- itself ('255/8', '85'). note says why a figure is partial (weights rescaled over its defined indicators);
-- weights_rescaled is 1 on every row of an organization any of whose figures rests on rescaled weights.
-- One statement, so a start-up cut short leaves the table either before or after it (18.16 has no ADD COLUMN IF NOT
-- EXISTS).
ALTER TABLE organization_results
    ADD COLUMN published Float64 DEFAULT round(value, 2) AFTER value,
    ADD COLUMN exact String DEFAULT '' AFTER published,
    ADD COLUMN note String DEFAULT '' AFTER status,
    ADD COLUMN weights_rescaled UInt8 DEFAULT 0 AFTER note
