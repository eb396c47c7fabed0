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
