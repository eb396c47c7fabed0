-- Honest errors and flags (issue 11, storage half): preprocessing warnings per spectrum, calibrated
-- errors per prediction, error inflation from repeat observations per model, optional stored model
-- spectra, and a view of every prediction's errors by label name.

-- Preprocessing warnings of each spectrum, carried into its predictions' flags (bits 10 and 11).
ALTER TABLE spectrum_preprocessed
    ADD COLUMN n_masked_pixels integer NOT NULL DEFAULT 0 CHECK (n_masked_pixels >= 0),
    ADD COLUMN normalisation_fallback boolean NOT NULL DEFAULT false,
    ADD COLUMN flags integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN spectrum_preprocessed.n_masked_pixels IS 'Number of model-grid pixels given zero weight by the mask policy (LAMOST mask bits with dilation, normalised-flux bounds; see preprocessing.settings), except those bad for another reason (outside the observed range, unmasked pixels with ivar 0); included in n_bad_pixels.';
COMMENT ON COLUMN spectrum_preprocessed.normalisation_fallback IS 'True when the continuum-point selection or the second spline pass failed and the spectrum was normalised by the first pass through all good pixels (continuum a few per cent low in line-crowded regions).';
COMMENT ON COLUMN spectrum_preprocessed.flags IS 'Preprocessing warning bits, OR-ed into prediction.flags: 1024 (bit 10) normalisation_fallback, 2048 (bit 11) many_masked_pixels; see flag_bits.';

-- Calibrated errors of each prediction (formal covariance and empirical errors are in 0008).
ALTER TABLE prediction ADD COLUMN calibrated_errors real[];
COMMENT ON COLUMN prediction.calibrated_errors IS 'Published 1-sigma errors, label units (K, dex): sqrt((inflation x formal)^2 + floor^2) with the model''s error inflation from repeat observations and its error floor from cross-validation at this spectrum''s S/N_g (model_error_inflation); before the model is calibrated, the formal error times the cross-validated error_calibration of the S/N bin (model_precision). NULL entries where neither exists.';
COMMENT ON COLUMN prediction.covariance IS 'Formal covariance matrix of all label pairs, L x L row-major, symmetric, label units squared (K^2, dex^2, K dex); NaN when singular_covariance is flagged.';

INSERT INTO flag_bits (bit, name, description) VALUES
    (10, 'normalisation_fallback', 'The continuum-point selection or the second spline pass failed: the spectrum was normalised by the first spline pass through all good pixels, whose continuum line blanketing pulls down by a few per cent. Metallicities may be biased low.'),
    (11, 'many_masked_pixels', 'More than the mask policy''s fraction (default 10%) of the model-grid pixels were zero-weighted by the mask policy (LAMOST mask bits, dilation, normalised-flux bounds): labels rest on fewer lines than usual.');

CREATE TABLE model_error_inflation (
    model_id         integer NOT NULL REFERENCES model (model_id) ON DELETE CASCADE,
    label            text NOT NULL,
    scope            text NOT NULL CHECK (scope IN ('bin', 'all')),
    snr_min          real NOT NULL,
    snr_max          real NOT NULL,
    n_pairs          integer NOT NULL CHECK (n_pairs >= 0),
    inflation        double precision NOT NULL CHECK (inflation > 0),
    inflation_used   boolean NOT NULL,
    n_validation     integer NOT NULL CHECK (n_validation >= 0),
    error_floor      double precision NOT NULL CHECK (error_floor >= 0),
    method           text NOT NULL,
    calibrate_job_id bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, label, scope, snr_min)
);
COMMENT ON TABLE model_error_inflation IS 'Error calibration of a model per label and S/N_g bin, from repeat observations (same star, different obsid, both predicted by the model) and the cross-validation predictions; written by the calibrate job, applied to prediction.calibrated_errors.';
COMMENT ON COLUMN model_error_inflation.label IS 'Label name (model.label_names).';
COMMENT ON COLUMN model_error_inflation.scope IS 'bin: one S/N_g bin (bins of model_precision); all: every pair (snr_min, snr_max span all bins).';
COMMENT ON COLUMN model_error_inflation.snr_min IS 'Lower edge of the S/N_g bin (inclusive); a pair falls in the bin of its lower S/N_g.';
COMMENT ON COLUMN model_error_inflation.snr_max IS 'Upper edge of the S/N_g bin (exclusive); Infinity for the last bin.';
COMMENT ON COLUMN model_error_inflation.n_pairs IS 'Number of repeat pairs in the bin (fits flagged not_converged, ran_away or singular_covariance are left out).';
COMMENT ON COLUMN model_error_inflation.inflation IS 'Error-inflation factor, dimensionless: 1.4826 x MAD of (label_1 - label_2) / sqrt(formal_1^2 + formal_2^2) over the pairs; 1 when formal errors are honest about noise.';
COMMENT ON COLUMN model_error_inflation.inflation_used IS 'False when the bin has too few pairs (fewer than 25): its inflation is then the all-S/N factor.';
COMMENT ON COLUMN model_error_inflation.n_validation IS 'Number of cross-validation predictions in the bin (fewer than 20: error_floor is the all-S/N floor).';
COMMENT ON COLUMN model_error_inflation.error_floor IS 'Error floor, label units (K, dex): the model''s systematic error that repeats cannot see, so that the cross-validated residuals against the reference, divided by sqrt((inflation x formal)^2 + floor^2 + reference error^2), have a robust spread of 1; 0 when the inflated formal errors already explain them.';
COMMENT ON COLUMN model_error_inflation.method IS 'The calibration method and every setting, e.g. ''slam-cal/1 radius=3 minpairs=25 minvalidation=20 exclude=98'' (pair match radius in arcsec, minimum pairs and cross-validation predictions per bin, prediction.flags bits that exclude a pair).';
COMMENT ON COLUMN model_error_inflation.calibrate_job_id IS 'Job that computed the row (job.id).';
COMMENT ON COLUMN model_error_inflation.created_at IS 'Time the row was written.';

CREATE TABLE prediction_spectrum (
    model_id    integer NOT NULL,
    obsid       bigint NOT NULL,
    model_flux  real[] NOT NULL,
    residual    real[] NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, obsid),
    FOREIGN KEY (model_id, obsid) REFERENCES prediction (model_id, obsid) ON DELETE CASCADE,
    CHECK (cardinality(model_flux) = cardinality(residual))
);
COMMENT ON TABLE prediction_spectrum IS 'Best-fit model spectrum and residuals of a prediction on the model grid (opt-in: slam predict --store-spectra, and the demo''s examples), for looking at the fit (slam show).';
COMMENT ON COLUMN prediction_spectrum.model_flux IS 'Model spectrum at the predicted labels, continuum-normalised flux (dimensionless), one entry per model-grid pixel.';
COMMENT ON COLUMN prediction_spectrum.residual IS 'Observed minus model normalised flux (dimensionless), per model-grid pixel; NaN where the pixel had zero weight (bad or masked).';
COMMENT ON COLUMN prediction_spectrum.created_at IS 'Time the row was written.';

-- Every prediction's errors by label name, for the current models (helper view; labels_current will
-- take these columns over).
CREATE VIEW labels_errors AS
SELECT pr.obsid, mc.label_set, pr.model_id, s.snrg, n.label,
       pr.labels[n.k]            AS value,
       pr.formal_errors[n.k]     AS formal_error,
       pr.calibrated_errors[n.k] AS calibrated_error,
       pr.empirical_errors[n.k]  AS empirical_error,
       pr.flags
FROM model_current mc
JOIN model m ON m.model_id = mc.model_id
JOIN prediction pr ON pr.model_id = mc.model_id
JOIN lamost_spectrum s ON s.obsid = pr.obsid
CROSS JOIN LATERAL unnest(m.label_names) WITH ORDINALITY AS n(label, k);
COMMENT ON VIEW labels_errors IS 'One row per spectrum, current model and label: the value with its formal, calibrated and empirical 1-sigma errors (label units: K for teff, dex otherwise).';
COMMENT ON COLUMN labels_errors.label IS 'Label name.';
COMMENT ON COLUMN labels_errors.value IS 'Predicted label, K or dex.';
COMMENT ON COLUMN labels_errors.formal_error IS 'Formal 1-sigma error sqrt(diag (J^T W J)^-1), label units; too optimistic on its own.';
COMMENT ON COLUMN labels_errors.calibrated_error IS 'Published 1-sigma error (see prediction.calibrated_errors), label units.';
COMMENT ON COLUMN labels_errors.empirical_error IS 'Cross-validated scatter at this S/N_g (model_precision), label units.';
COMMENT ON COLUMN labels_errors.flags IS 'prediction.flags, see flag_bits.';
COMMENT ON COLUMN labels_errors.snrg IS 'LAMOST S/N_g of the spectrum.';
