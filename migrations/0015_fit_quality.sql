-- Fit quality (issue 11, fitting half): flags for labels far from the training set, ambiguous fits and
-- fits stopped on the label bounds; the settings of each prediction run (loss, starts, thresholds); and
-- posterior samples of the labels of single spectra.

INSERT INTO flag_bits (bit, name, description) VALUES
    (7, 'far_from_training_set', 'The labels lie far from every training star: the distance in standardised label space to the 10th nearest training star exceeds the 99th percentile of the training stars'' own 10th-neighbour distances (prediction_settings: neighbour_count, far_from_training_quantile, far_from_training_factor). The model is interpolating across a gap; use with care.'),
    (8, 'several_minima', 'Several template starts converged to distinct minima (labels differing by more than 3 formal sigmas, objective within 25 x max(1, reduced chi-square) of the best): the labels are ambiguous; the lowest minimum is reported.'),
    (9, 'at_bound', 'The fit ended on the label bound (training range +- 50% of it): the best labels lie further out, where the model is pure extrapolation. Always with ran_away; the labels are unreliable.')
ON CONFLICT DO NOTHING;

CREATE TABLE prediction_settings (
    settings_id  serial PRIMARY KEY,
    settings     jsonb NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE prediction_settings IS 'Distinct settings of prediction runs (Numerics PredictionOptions that change results): loss, IRLS rounds, starts, precision, tolerances, bounds and flag thresholds.';
COMMENT ON COLUMN prediction_settings.settings IS 'The settings as JSON (Pipeline PredictionSettings): loss is linear, soft_l1:S or huber:S (S in pixel sigmas).';

ALTER TABLE prediction ADD COLUMN settings_id integer REFERENCES prediction_settings (settings_id);
COMMENT ON COLUMN prediction.settings_id IS 'Settings of the fit (prediction_settings); NULL for predictions made before migration 0015 (plain least squares, one start).';

CREATE TABLE posterior (
    model_id          integer NOT NULL REFERENCES model (model_id),
    obsid             bigint NOT NULL REFERENCES lamost_spectrum (obsid) ON DELETE CASCADE,
    label_names       text[] NOT NULL,
    fit_labels        real[] NOT NULL,
    p16               real[] NOT NULL,
    p50               real[] NOT NULL,
    p84               real[] NOT NULL,
    acceptance        real NOT NULL CHECK (acceptance BETWEEN 0 AND 1),
    autocorrelation   real[] NOT NULL,
    walkers           integer NOT NULL CHECK (walkers > 0),
    steps             integer NOT NULL CHECK (steps > 0),
    burn_in           integer NOT NULL CHECK (burn_in >= 0),
    seed              bigint NOT NULL,
    loss              text NOT NULL,
    posterior_job_id  bigint,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, obsid)
);
CREATE INDEX posterior_obsid_idx ON posterior (obsid);
COMMENT ON TABLE posterior IS 'Label posterior of one spectrum under one model, sampled with an affine-invariant ensemble sampler (Goodman & Weare 2010) from the Levenberg-Marquardt solution; flat prior over the training range +- 50%, likelihood exp(-objective / 2) with the fit''s weighted chi-square (or robust objective).';
COMMENT ON COLUMN posterior.label_names IS 'Label order of the arrays (the model''s label_names).';
COMMENT ON COLUMN posterior.fit_labels IS 'The Levenberg-Marquardt labels the walkers started around, label units (K, dex).';
COMMENT ON COLUMN posterior.p16 IS '16th percentile of each label''s marginal posterior, label units.';
COMMENT ON COLUMN posterior.p50 IS 'Median of each label''s marginal posterior, label units.';
COMMENT ON COLUMN posterior.p84 IS '84th percentile of each label''s marginal posterior, label units; (p84 - p16) / 2 is the 1-sigma equivalent.';
COMMENT ON COLUMN posterior.acceptance IS 'Fraction of accepted stretch moves (0.2-0.5 is healthy).';
COMMENT ON COLUMN posterior.autocorrelation IS 'Integrated autocorrelation time of each label, in steps (NaN: the label never moved); chains should be >= 50 of them long.';
COMMENT ON COLUMN posterior.walkers IS 'Number of walkers.';
COMMENT ON COLUMN posterior.steps IS 'Steps per walker, burn-in included.';
COMMENT ON COLUMN posterior.burn_in IS 'Leading steps dropped before the percentiles.';
COMMENT ON COLUMN posterior.seed IS 'SplitMix64 seed of the sampler (the run is deterministic for a seed).';
COMMENT ON COLUMN posterior.loss IS 'Loss of the likelihood: linear, soft_l1:S or huber:S.';
COMMENT ON COLUMN posterior.posterior_job_id IS 'Job that wrote the row (job.id).';
COMMENT ON COLUMN posterior.created_at IS 'When the row was written.';
