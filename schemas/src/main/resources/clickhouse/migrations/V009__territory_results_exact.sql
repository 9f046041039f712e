-- A territory's figure by its model's rule (basis): the mean over its organizations ('organizationMean', НОКО) or the
-- share over its answers pooled together ('pooledAnswers', the municipal mechanisms survey); value is that figure and
-- published its published value (2 decimals, half-up from the exact value). mean and respondent_weighted stay as
-- separate figures, each with its published value; pooled is the pooled share where the model can pool (shares of
-- answers), 0 otherwise. One statement: 18.16 has no ADD COLUMN IF NOT EXISTS.
ALTER TABLE territory_results
    ADD COLUMN basis String DEFAULT 'organizationMean' AFTER metric_name,
    ADD COLUMN value Float64 DEFAULT mean AFTER basis,
    ADD COLUMN published Float64 DEFAULT round(mean, 2) AFTER value,
    ADD COLUMN mean_published Float64 DEFAULT round(mean, 2) AFTER mean,
    ADD COLUMN respondent_weighted_published Float64 DEFAULT round(respondent_weighted, 2) AFTER respondent_weighted,
    ADD COLUMN pooled Float64 DEFAULT 0 AFTER respondent_weighted_published,
    ADD COLUMN pooled_published Float64 DEFAULT 0 AFTER pooled
