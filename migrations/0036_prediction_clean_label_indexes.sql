-- Survey scale (issue 18): the labels of the clean predictions (flags = 0), the selection nearly every
-- science query makes, in the order of each named label. Migration 0031's indexes hold every prediction,
-- so a page such as
--   SELECT ... FROM labels_current WHERE m_h < -1 AND logg < 3.5 AND flags = 0 ORDER BY m_h LIMIT 100
-- walked [M/H] upwards through every flagged prediction before it found 100 clean ones. On a survey the
-- most extreme fits are mostly flagged (stars unlike the training set pile up at its edges): on the
-- 1,000,000-spectrum mock survey of `slam-bench scale` the walk passed 200,729 flagged or dwarf rows and
-- took 364 ms. These partial indexes hold only the clean rows (each model partition of migration 0035
-- gets its own), so the walk meets flagged rows never and rows failing the other conditions only.
-- Each costs about 20-30 bytes per clean prediction, and is maintained as calibration sets the flags.

CREATE INDEX prediction_teff_clean_idx ON prediction (teff) WHERE flags = 0 AND teff IS NOT NULL;
CREATE INDEX prediction_logg_clean_idx ON prediction (logg) WHERE flags = 0 AND logg IS NOT NULL;
CREATE INDEX prediction_m_h_clean_idx ON prediction (m_h) WHERE flags = 0 AND m_h IS NOT NULL;
CREATE INDEX prediction_feh_clean_idx ON prediction (feh) WHERE flags = 0 AND feh IS NOT NULL;
COMMENT ON INDEX prediction_teff_clean_idx IS 'Clean predictions (flags = 0) by Teff (K).';
COMMENT ON INDEX prediction_logg_clean_idx IS 'Clean predictions (flags = 0) by log g (dex, cgs).';
COMMENT ON INDEX prediction_m_h_clean_idx IS 'Clean predictions (flags = 0) by [M/H] (dex).';
COMMENT ON INDEX prediction_feh_clean_idx IS 'Clean predictions (flags = 0) by [Fe/H] (dex).';
