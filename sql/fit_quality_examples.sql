-- Fit quality (migration 0015): robust-fit settings, label-space flags and posteriors. Run in
-- `slam db psql` (or `slam db psql --database slam_demo` after the demo). Every query runs on an empty
-- database too.

-- Which loss and settings each model's predictions were made with, and how many.
SELECT pr.model_id, ps.settings->>'loss' AS loss, ps.settings->>'starts' AS starts, count(*) AS spectra
FROM prediction pr LEFT JOIN prediction_settings ps USING (settings_id)
GROUP BY 1, 2, 3 ORDER BY 1, 2;

-- Spectra whose labels lie far from the training set (bit 7) or that stopped on the label bound (bit 9).
SELECT obsid, designation, snrg, teff, logg, m_h, reduced_chi2,
       flags & (1 << 7) <> 0 AS far_from_training_set, flags & (1 << 9) <> 0 AS at_bound
FROM labels_current
WHERE flags & ((1 << 7) | (1 << 9)) <> 0
ORDER BY snrg DESC LIMIT 20;

-- Ambiguous fits: several template starts converged to distinct minima (bit 8).
SELECT obsid, designation, teff, logg, m_h, flags
FROM labels_current WHERE flags & (1 << 8) <> 0 LIMIT 20;

-- Posterior half-widths beside the formal errors of the same model's prediction, per label.
SELECT po.obsid, n.label, (po.p84[n.i] - po.p16[n.i]) / 2 AS posterior_sigma, pr.formal_errors[n.i] AS formal_sigma,
       po.acceptance, po.autocorrelation[n.i] AS tau_steps
FROM posterior po
JOIN prediction pr USING (model_id, obsid)
CROSS JOIN LATERAL unnest(po.label_names) WITH ORDINALITY AS n(label, i)
ORDER BY po.obsid, n.i;

-- Stars unlike the training set (bit 12, outside_training_set), by S/N_g, beside bits 7 and 3 alone.
SELECT width_bucket(snrg, ARRAY[10, 20, 40, 80]) AS snr_bin, count(*) AS spectra,
       count(*) FILTER (WHERE flags & (1 << 12) <> 0) AS outside_training_set,
       count(*) FILTER (WHERE flags & (1 << 7) <> 0) AS far_from_training_set,
       count(*) FILTER (WHERE flags & (1 << 3) <> 0) AS poor_fit
FROM labels_current GROUP BY 1 ORDER BY 1;

-- Each model's outside_training_set decision: its thresholds per S/N bin (per-pixel S/N) and its rates.
SELECT o.model_id, b.bin ->> 'snrMin' AS snr_min, b.bin ->> 'snrMax' AS snr_max, b.bin -> 'thresholds' AS thresholds,
       b.bin ->> 'falseFlagRate' AS inside_false_flag_rate, o.recall
FROM model_outside_training_set o
CROSS JOIN LATERAL jsonb_array_elements(o.rule -> 'bins') AS b(bin)
ORDER BY o.model_id, (b.bin ->> 'snrMin')::float8;
