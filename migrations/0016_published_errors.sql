-- Published errors in the current-labels views: the named *_err columns of labels_current become the
-- calibrated errors (migration 0014: error inflation from repeat pairs and the cross-validation floor),
-- falling back to the formal error where there is no calibrated one; the formal and calibrated arrays,
-- the full covariance and the fit settings are appended. labels_current_long gains the calibrated error.
CREATE OR REPLACE VIEW labels_current AS
SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, mc.label_set, pr.model_id,
       pr.labels[array_position(m.label_names, 'teff')] AS teff,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'teff')], pr.formal_errors[array_position(m.label_names, 'teff')]) AS teff_err,
       pr.labels[array_position(m.label_names, 'logg')] AS logg,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'logg')], pr.formal_errors[array_position(m.label_names, 'logg')]) AS logg_err,
       pr.labels[array_position(m.label_names, 'm_h')] AS m_h,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'm_h')], pr.formal_errors[array_position(m.label_names, 'm_h')]) AS m_h_err,
       pr.labels[array_position(m.label_names, 'feh')] AS feh,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'feh')], pr.formal_errors[array_position(m.label_names, 'feh')]) AS feh_err,
       pr.labels[array_position(m.label_names, 'alpha_m')] AS alpha_m,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'alpha_m')], pr.formal_errors[array_position(m.label_names, 'alpha_m')]) AS alpha_m_err,
       pr.labels[array_position(m.label_names, 'c_m')] AS c_m,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'c_m')], pr.formal_errors[array_position(m.label_names, 'c_m')]) AS c_m_err,
       pr.labels[array_position(m.label_names, 'n_m')] AS n_m,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'n_m')], pr.formal_errors[array_position(m.label_names, 'n_m')]) AS n_m_err,
       m.label_names, pr.labels, pr.formal_errors, pr.empirical_errors,
       pr.reduced_chi2, pr.n_pixels, pr.flags, pr.status, pr.created_at,
       m.training_set_id, t.label_source, t.catalogue_id,
       pr.calibrated_errors, pr.covariance, pr.settings_id
FROM model_current mc
JOIN model m ON m.model_id = mc.model_id
JOIN training_set t ON t.training_set_id = m.training_set_id
JOIN prediction pr ON pr.model_id = mc.model_id
JOIN lamost_spectrum s ON s.obsid = pr.obsid;
COMMENT ON VIEW labels_current IS 'Labels of each spectrum from the current model of each label set: one row per obsid and label set, so always filter on label_set (e.g. lasp-dr5 for the LASP-trained feh, apogee-dr15 for the APOGEE-trained m_h). Named columns are NULL when the label set has no such label. The named *_err columns are the published (calibrated) 1-sigma errors, falling back to the formal error; formal_errors, empirical_errors and calibrated_errors hold all three in label_names order.';
COMMENT ON COLUMN labels_current.teff_err IS 'Published 1-sigma error of teff, K: calibrated (prediction.calibrated_errors), else formal.';
COMMENT ON COLUMN labels_current.logg_err IS 'Published 1-sigma error of logg, dex: calibrated, else formal.';
COMMENT ON COLUMN labels_current.m_h_err IS 'Published 1-sigma error of m_h, dex: calibrated, else formal.';
COMMENT ON COLUMN labels_current.feh_err IS 'Published 1-sigma error of feh, dex: calibrated, else formal.';
COMMENT ON COLUMN labels_current.alpha_m_err IS 'Published 1-sigma error of alpha_m, dex: calibrated, else formal.';
COMMENT ON COLUMN labels_current.c_m_err IS 'Published 1-sigma error of c_m, dex: calibrated, else formal.';
COMMENT ON COLUMN labels_current.n_m_err IS 'Published 1-sigma error of n_m, dex: calibrated, else formal.';
COMMENT ON COLUMN labels_current.calibrated_errors IS 'Published 1-sigma errors in label_names order, label units (K, dex); see prediction.calibrated_errors.';
COMMENT ON COLUMN labels_current.covariance IS 'Formal covariance of the labels, L x L row-major in label_names order, label units squared.';
COMMENT ON COLUMN labels_current.settings_id IS 'The fit settings of the prediction (prediction_settings).';

CREATE OR REPLACE VIEW labels_current_long AS
SELECT l.obsid, l.designation, l.label_set, l.model_id, n.label, l.labels[n.k] AS value,
       l.formal_errors[n.k] AS formal_error, l.empirical_errors[n.k] AS empirical_error,
       coalesce(c.label_units[array_position(c.label_names, n.label)],
                CASE WHEN n.label = 'teff' THEN 'K' ELSE 'dex' END) AS unit,
       l.snrg, l.flags, l.label_source,
       l.calibrated_errors[n.k] AS calibrated_error
FROM labels_current l
CROSS JOIN LATERAL unnest(l.label_names) WITH ORDINALITY AS n(label, k)
LEFT JOIN label_catalogue c ON c.catalogue_id = l.catalogue_id;
COMMENT ON VIEW labels_current_long IS 'Current labels in long form: one row per spectrum, label set and label (value; formal, empirical and published calibrated 1-sigma error; unit: the source catalogue''s, else K for teff and dex otherwise).';
COMMENT ON COLUMN labels_current_long.calibrated_error IS 'Published 1-sigma error (prediction.calibrated_errors), in unit.';
