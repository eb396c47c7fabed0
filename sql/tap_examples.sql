-- The published schema (migration 0027): what TAP clients query, here in SQL; the TAP service answers the
-- same questions in ADQL.

-- What a TAP client sees: the published tables and the units and UCDs of the label columns.
SELECT table_name, column_name, datatype, unit, ucd, principal
FROM tap_schema.columns WHERE table_name = 'slam.labels' ORDER BY column_index;

-- Metal-poor giants with clean fits at good S/N, from the APOGEE-trained labels.
SELECT obsid, designation, ra, dec, snrg, teff, teff_err, logg, m_h, m_h_err, alpha_m
FROM slam.labels
WHERE label_set = 'apogee-dr15' AND m_h < -1 AND logg < 3.5 AND flags = 0 AND snrg > 30
ORDER BY m_h;

-- Labels within 1 arcmin of a position (the q3c index of the spectra serves it).
SELECT obsid, designation, q3c_dist(ra, dec, 332.67024, -0.583389) * 3600 AS sep_arcsec, label_set, teff, logg, m_h, feh
FROM slam.labels
WHERE q3c_radial_query(ra, dec, 332.67024, -0.583389, 1 / 60.0)
ORDER BY sep_arcsec;

-- The precision table of the current models, with the label unit.
SELECT p.model_id, m.label_set, p.label, p.label_unit, p.scope, p.snr_min, p.snr_max, p.n, p.bias, p.scatter
FROM slam.model_precision p JOIN slam.models m ON m.model_id = p.model_id AND m.is_current
ORDER BY p.model_id, p.label, p.scope DESC, p.snr_min;

-- One star's labels by designation, from the current model of every label set.
SELECT label_set, model_id, obsid, snrg, teff, teff_err, logg, logg_err, m_h, m_h_err, feh, feh_err, flags
FROM slam.labels
WHERE designation = 'LAMOST J221040.85-003500.2'
ORDER BY label_set, obsid;

-- One spectrum's labels from every model version; is_current marks the published ones.
SELECT h.model_id, h.label_set, h.is_current, h.teff, h.logg, h.m_h, h.flags, m.created_at
FROM slam.labels_history h JOIN slam.models m ON m.model_id = h.model_id
WHERE h.obsid = 101
ORDER BY h.model_id;

-- How often each flag value occurs among the current labels, per label set (0: no warning).
SELECT label_set, flags, count(*) AS n
FROM slam.labels
GROUP BY label_set, flags
ORDER BY label_set, n DESC;
