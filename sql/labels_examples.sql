-- Example questions answered with SQL. Run in `slam db psql` (or `slam db psql --database slam_demo`
-- after the demo). Every query runs on an empty database too.

-- Labels of one star by designation, from the current model of every label set.
SELECT label_set, obsid, teff, teff_err, logg, logg_err, m_h, m_h_err, alpha_m, flags
FROM labels_current
WHERE designation = 'LAMOST J221040.85-003500.2';

-- Labels within 5 arcsec of a position (q3c cone search on the spectra's index).
SELECT l.obsid, l.designation, q3c_dist(l.ra, l.dec, 332.67024, -0.583389) * 3600 AS sep_arcsec,
       l.teff, l.logg, l.m_h
FROM labels_current l
WHERE q3c_radial_query(l.ra, l.dec, 332.67024, -0.583389, 5 / 3600.0)
ORDER BY sep_arcsec;

-- Metal-poor giants with clean fits (no flag set) at good S/N.
SELECT obsid, designation, snrg, teff, logg, m_h, m_h_err, alpha_m
FROM labels_current
WHERE m_h < -1 AND logg < 3.5 AND flags = 0 AND snrg > 30
ORDER BY m_h;

-- What each prediction flag means, and how often it is set by the current models.
SELECT f.bit, f.name, count(l.obsid) AS spectra
FROM flag_bits f LEFT JOIN labels_current l ON l.flags & (1 << f.bit) <> 0
GROUP BY f.bit, f.name ORDER BY f.bit;

-- The same per label set, fast at any size: label_flag_counts sums the counts per model and flags value that
-- triggers keep as predictions are written (prediction_flag_delta) and expands the bits afterwards.
SELECT label_set, bit, name, n_spectra FROM label_flag_counts ORDER BY label_set, bit;

-- Label sets (issue 10): each label set (apogee-dr15, lasp-dr5, a user catalogue ...) has its own current
-- model; what each one is and where its reference labels come from.
SELECT label_set, model_id, label_names, training_set, catalogue, catalogue_version, catalogue_kind
FROM label_set_current ORDER BY label_set;

-- The LASP-trained [Fe/H] and the APOGEE-trained [M/H] of the same stars, side by side: always name the
-- label set, since labels_current has one row per spectrum and label set.
SELECT a.obsid, a.designation, a.m_h AS m_h_apogee, a.m_h_err, l.feh AS feh_lasp, l.feh_err
FROM labels_current a
JOIN labels_current l ON l.obsid = a.obsid AND l.label_set = 'lasp-dr5'
WHERE a.label_set = 'apogee-dr15'
ORDER BY a.obsid LIMIT 20;

-- The same question in long form: one row per spectrum, label set and label.
SELECT obsid, label_set, label, value, formal_error, unit
FROM labels_current_long
WHERE label IN ('m_h', 'feh') AND snrg > 50
ORDER BY obsid, label_set LIMIT 20;

-- Label catalogues and their versions, and every load attempt (failed ones say why).
SELECT name, version, kind, key_kind, label_names, label_units, n_rows, source_file, created_at
FROM label_catalogue ORDER BY name, version;
SELECT load_id, name, kind, status, n_rows, error, finished_at
FROM label_catalogue_load ORDER BY load_id DESC LIMIT 10;

-- Training sets with the catalogue version their reference labels were copied from, and their cuts.
SELECT t.name, t.version, t.label_set, t.n_members, c.name AS catalogue, c.version AS catalogue_version,
       jsonb_path_query_array(t.cut_report, '$.cuts[*].name') AS cuts,
       jsonb_path_query_array(t.cut_report, '$.cuts[*].removed') AS removed
FROM training_set t LEFT JOIN label_catalogue c USING (catalogue_id)
ORDER BY t.training_set_id;

-- SLAM [Fe/H] against the LASP reference of the same spectra (obsid-keyed catalogue), latest version.
SELECT l.obsid, l.feh AS slam_feh, r.labels[array_position(c.label_names, 'feh')] AS lasp_feh, l.snrg
FROM labels_current l
JOIN label_catalogue c ON c.name = l.label_set
JOIN label_catalogue_row r ON r.catalogue_id = c.catalogue_id AND r.obsid = l.obsid
WHERE l.label_set = 'lasp-dr5'
  AND c.version = (SELECT max(version) FROM label_catalogue WHERE name = 'lasp-dr5')
ORDER BY l.snrg DESC LIMIT 20;

-- How far the published estimate (the posterior mean under the training set's label density) moved [M/H]
-- from the maximum-likelihood fit, per S/N_g bin of 20 (dex); only runs that publish the posterior mean.
SELECT floor(s.snrg / 20) * 20 AS snrg_from, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(p.labels[k.i] - p.ml_labels[k.i])) AS median_shift_dex
FROM prediction p
JOIN model m USING (model_id)
JOIN lamost_spectrum s USING (obsid)
CROSS JOIN LATERAL (SELECT array_position(m.label_names, 'm_h') AS i) AS k
WHERE p.ml_labels IS NOT NULL AND k.i IS NOT NULL
GROUP BY 1 ORDER BY 1;
