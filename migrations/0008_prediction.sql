-- Predictions: labels of a spectrum by a model. Keyed by (model_id, obsid); a newer model adds rows
-- beside the older ones, nothing is overwritten.

CREATE TABLE prediction (
    model_id         integer NOT NULL REFERENCES model (model_id),
    obsid            bigint NOT NULL REFERENCES lamost_spectrum (obsid) ON DELETE CASCADE,
    labels           real[] NOT NULL,
    formal_errors    real[] NOT NULL,
    empirical_errors real[],
    covariance       real[],
    reduced_chi2     real,
    n_pixels         integer NOT NULL CHECK (n_pixels >= 0),
    iterations       integer NOT NULL CHECK (iterations >= 0),
    status           text NOT NULL,
    flags            integer NOT NULL DEFAULT 0,
    predict_job_id   bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, obsid)
);
CREATE INDEX prediction_obsid_idx ON prediction (obsid);
COMMENT ON TABLE prediction IS 'Labels of one spectrum from one model version, with errors, fit quality and flags.';
COMMENT ON COLUMN prediction.labels IS 'Labels in model.label_names order, physical units (Teff in K, others in dex).';
COMMENT ON COLUMN prediction.formal_errors IS 'Formal 1-sigma errors from (J^T W J)^-1 at the optimum, label units.';
COMMENT ON COLUMN prediction.empirical_errors IS 'Empirical 1-sigma errors from the model''s cross-validated scatter at this spectrum''s S/N_g, label units.';
COMMENT ON COLUMN prediction.covariance IS 'Formal covariance matrix, L x L row-major, label units squared.';
COMMENT ON COLUMN prediction.reduced_chi2 IS 'Reduced chi-square of the best fit (chi2 / (pixels - labels)).';
COMMENT ON COLUMN prediction.n_pixels IS 'Number of pixels used in the fit.';
COMMENT ON COLUMN prediction.iterations IS 'Function evaluations of the Levenberg-Marquardt fit.';
COMMENT ON COLUMN prediction.status IS 'Fit status: converged, max_iterations, kept_first_guess, failed ...';
COMMENT ON COLUMN prediction.flags IS 'Bitmask of warnings, see flag_bits.';
COMMENT ON COLUMN prediction.predict_job_id IS 'Job that wrote the row (job.id).';

CREATE TABLE flag_bits (
    bit         integer PRIMARY KEY CHECK (bit BETWEEN 0 AND 30),
    name        text NOT NULL UNIQUE,
    description text NOT NULL
);
COMMENT ON TABLE flag_bits IS 'Meaning of each bit of prediction.flags: flags & (1 << bit) <> 0 means the warning applies.';
COMMENT ON COLUMN flag_bits.bit IS 'Bit number (value 1 << bit).';
COMMENT ON COLUMN flag_bits.name IS 'Short name of the flag.';
COMMENT ON COLUMN flag_bits.description IS 'What the flag means and what to do about it.';

-- Current model per label set: the latest promotion whose model is not retired.
CREATE VIEW model_current AS
SELECT DISTINCT ON (p.label_set) p.label_set, p.model_id, p.promoted_at, p.decided_by
FROM model_promotion p
JOIN model m ON m.model_id = p.model_id AND m.status = 'ready'
ORDER BY p.label_set, p.promotion_id DESC;
COMMENT ON VIEW model_current IS 'The current (latest promoted, ready) model of each label set.';

CREATE VIEW labels_history AS
SELECT pr.obsid, m.label_set, pr.model_id, m.label_names, pr.labels, pr.formal_errors,
       pr.empirical_errors, pr.reduced_chi2, pr.n_pixels, pr.flags, pr.status, pr.created_at,
       (mc.model_id IS NOT NULL) AS is_current
FROM prediction pr
JOIN model m ON m.model_id = pr.model_id
LEFT JOIN model_current mc ON mc.model_id = pr.model_id;
COMMENT ON VIEW labels_history IS 'Every prediction of every model version, newest models beside older ones.';

CREATE VIEW labels_current AS
SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, mc.label_set, pr.model_id,
       pr.labels[array_position(m.label_names, 'teff')]    AS teff,
       pr.formal_errors[array_position(m.label_names, 'teff')] AS teff_err,
       pr.labels[array_position(m.label_names, 'logg')]    AS logg,
       pr.formal_errors[array_position(m.label_names, 'logg')] AS logg_err,
       pr.labels[array_position(m.label_names, 'm_h')]     AS m_h,
       pr.formal_errors[array_position(m.label_names, 'm_h')] AS m_h_err,
       pr.labels[array_position(m.label_names, 'feh')]     AS feh,
       pr.formal_errors[array_position(m.label_names, 'feh')] AS feh_err,
       pr.labels[array_position(m.label_names, 'alpha_m')] AS alpha_m,
       pr.formal_errors[array_position(m.label_names, 'alpha_m')] AS alpha_m_err,
       pr.labels[array_position(m.label_names, 'c_m')]     AS c_m,
       pr.formal_errors[array_position(m.label_names, 'c_m')] AS c_m_err,
       pr.labels[array_position(m.label_names, 'n_m')]     AS n_m,
       pr.formal_errors[array_position(m.label_names, 'n_m')] AS n_m_err,
       m.label_names, pr.labels, pr.formal_errors, pr.empirical_errors,
       pr.reduced_chi2, pr.n_pixels, pr.flags, pr.status, pr.created_at
FROM model_current mc
JOIN model m ON m.model_id = mc.model_id
JOIN prediction pr ON pr.model_id = mc.model_id
JOIN lamost_spectrum s ON s.obsid = pr.obsid;
COMMENT ON VIEW labels_current IS 'Labels of each spectrum from the current model of each label set (one row per obsid and label set). Named columns are NULL when the label set has no such label; errors here are formal.';
