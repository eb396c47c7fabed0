-- Stars unlike the training set (issue 20): flag bit 12 `outside_training_set`, one decision combining the
-- fit's distance to the training set in label space, its chi-squares against the model's own per-pixel
-- variance, its residual pattern and its first guess, with thresholds per S/N bin calibrated on inside
-- fits of the model; the decision's parameters and rates are stored with the model.

INSERT INTO flag_bits (bit, name, description) VALUES
    (12, 'outside_training_set', 'The star looks unlike every training star (dwarf, hot star, ...): one of the fit''s statistics (distance in standardised label space to the 10th nearest training star, reduced chi-square against noise + model variance, chi-square in the strongest-line pixels, residual pattern along the spectrum, first-guess/fit chi-square ratio) exceeds its threshold for the spectrum''s S/N. The thresholds are calibrated per model so that at most 5% of fits of stars like the training stars are flagged (model_outside_training_set). The labels are extrapolation; do not use them for science.')
ON CONFLICT DO NOTHING;

CREATE TABLE model_outside_training_set (
    model_id          integer PRIMARY KEY REFERENCES model (model_id) ON DELETE CASCADE,
    version           integer NOT NULL CHECK (version >= 1),
    rule              jsonb NOT NULL,
    inside_spectra    integer NOT NULL CHECK (inside_spectra >= 0),
    inside_fits       integer NOT NULL CHECK (inside_fits >= 0),
    false_flag_rate   real,
    target_rate       real NOT NULL CHECK (target_rate > 0 AND target_rate < 1),
    method            text NOT NULL,
    recall            real CHECK (recall BETWEEN 0 AND 1),
    recall_note       text,
    created_at        timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE model_outside_training_set IS 'The outside_training_set decision (flag bit 12) of a model: thresholds per S/N bin calibrated on inside fits (held-out members of the training set, and their copies degraded to lower S/N, predicted by the model), applied by every prediction of the model.';
COMMENT ON COLUMN model_outside_training_set.model_id IS 'The model (model.model_id).';
COMMENT ON COLUMN model_outside_training_set.version IS 'Version of the statistics'' definition and of the rule (Numerics OutsideTrainingSetRule.currentVersion).';
COMMENT ON COLUMN model_outside_training_set.rule IS 'The rule as JSON: version, statistics (names), targetRate, and bins [{snrMin, snrMax (absent: open), thresholds (one per statistic; null: never flags), insideFits, falseFlagRate, quantile, borrowed}]. S/N is per pixel: the median of |flux| sqrt(ivar) of the normalised spectrum. Units: neighbour_distance in standardised label units; the chi-squares, residual_trend and first_guess_ratio are dimensionless.';
COMMENT ON COLUMN model_outside_training_set.inside_spectra IS 'Distinct member spectra the inside fits came from.';
COMMENT ON COLUMN model_outside_training_set.inside_fits IS 'Inside fits the thresholds were calibrated on (the spectra and their degraded copies).';
COMMENT ON COLUMN model_outside_training_set.false_flag_rate IS 'Fraction of the inside fits the rule flags, all S/N bins pooled (per bin: rule.bins[].false_flag_rate); NULL when there were none.';
COMMENT ON COLUMN model_outside_training_set.target_rate IS 'The false-flag rate aimed at per S/N bin (0.05).';
COMMENT ON COLUMN model_outside_training_set.method IS 'How the inside fits were made: which members, the degradation, the seed.';
COMMENT ON COLUMN model_outside_training_set.recall IS 'Fraction of spectra of stars truly outside the training set that the rule flags, where a truth is known (the demo''s mock survey); NULL otherwise.';
COMMENT ON COLUMN model_outside_training_set.recall_note IS 'Where the recall was measured and how "outside" was defined there.';
COMMENT ON COLUMN model_outside_training_set.created_at IS 'When the rule was calibrated.';

-- The predict job writes the rule the first time it predicts with the model; the demo stores the recall.
GRANT INSERT, UPDATE ON model_outside_training_set TO slam_worker;                               -- predict
