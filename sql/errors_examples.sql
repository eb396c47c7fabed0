-- Errors and quality flags of the published labels (issue 11). Run in `slam db psql`. Every query runs
-- on an empty database too.

-- One star's labels with their three errors: formal (too optimistic alone), calibrated (published:
-- repeat-observation inflation and cross-validated floor) and empirical (cross-validated scatter at its S/N).
SELECT obsid, label, value, formal_error, calibrated_error, empirical_error, flags
FROM labels_errors
WHERE obsid = (SELECT min(obsid) FROM labels_errors)
ORDER BY label;

-- How much the current models inflate their formal errors, per label and S/N_g bin, and their floors.
SELECT e.model_id, e.label, e.scope, e.snr_min, e.snr_max, e.n_pairs, round(e.inflation::numeric, 2) AS inflation,
       e.inflation_used, e.error_floor
FROM model_error_inflation e JOIN model_current mc USING (model_id)
ORDER BY e.model_id, e.label, e.scope DESC, e.snr_min;

-- The formal covariance of Teff and log g of a spectrum (correlation coefficient from the L x L matrix).
SELECT pr.obsid, pr.model_id,
       pr.covariance[(it - 1) * cardinality(m.label_names) + ig]
         / sqrt(pr.covariance[(it - 1) * cardinality(m.label_names) + it]
                * pr.covariance[(ig - 1) * cardinality(m.label_names) + ig]) AS teff_logg_correlation
FROM prediction pr JOIN model m USING (model_id)
CROSS JOIN LATERAL (SELECT array_position(m.label_names, 'teff') AS it, array_position(m.label_names, 'logg') AS ig) k
WHERE k.it IS NOT NULL AND k.ig IS NOT NULL
LIMIT 10;

-- Spectra whose preprocessing needed the first-pass fallback or lost many pixels to the mask policy.
SELECT sp.obsid, p.version, sp.n_bad_pixels, sp.n_masked_pixels, sp.normalisation_fallback, sp.flags
FROM spectrum_preprocessed sp JOIN preprocessing p USING (preprocessing_id)
WHERE sp.flags <> 0
ORDER BY sp.n_masked_pixels DESC
LIMIT 20;

-- Predictions whose fit spectrum is stored (slam show OBSID draws them).
SELECT model_id, count(*) AS stored_fits FROM prediction_spectrum GROUP BY model_id ORDER BY model_id;
