-- Survey scale (issue 18): the queries users run on labels_current stay fast at millions of spectra.
--
-- 1. The named labels as columns of prediction. labels_current computed [M/H], Teff, ... from the label
--    arrays through the model's label_names, so a page such as "giants with [M/H] < -1, first 100 by [M/H]"
--    read every prediction of the current model and sorted them (0.25 s at 1,000,000 spectra, growing
--    with N). Now a BEFORE INSERT trigger copies each named label out of the array (by the model's
--    label_names: the database derives them, so no writer can disagree with the arrays) and partial
--    B-tree indexes on them let such a page read its 100 rows in order. Existing rows are filled here.
-- 2. labels_current joins lamost_spectrum and training_set with LEFT JOINs. Every prediction has its
--    spectrum (foreign key, ON DELETE CASCADE) and every model its training set (NOT NULL foreign key), so
--    the rows are the same; but a query that reads no column of those tables (counts by label set and
--    flag) no longer reads them: PostgreSQL removes a LEFT JOIN to a unique key whose columns go unused.
--    A condition on a spectrum column (a cone, a designation) turns it back into an inner join.
-- 3. label_flag_counts: spectra per label set and flag bit of the current models, grouped by the flags
--    value before the bits are expanded (one row per distinct flags value instead of one per spectrum),
--    each current model's predictions read from an index on (model_id, flags) (LATERAL, so that older
--    model versions' rows are not read and filtered out by a join).

ALTER TABLE prediction
    ADD COLUMN teff real,
    ADD COLUMN logg real,
    ADD COLUMN m_h real,
    ADD COLUMN feh real,
    ADD COLUMN alpha_m real,
    ADD COLUMN c_m real,
    ADD COLUMN n_m real;
COMMENT ON COLUMN prediction.teff IS 'Effective temperature, K: labels[k] where model.label_names[k] = ''teff'', set by trigger prediction_named_labels; NULL when the model has no such label.';
COMMENT ON COLUMN prediction.logg IS 'Surface gravity log10(g / (cm s^-2)), dex: the label logg copied from labels by trigger; NULL when the model has none.';
COMMENT ON COLUMN prediction.m_h IS 'Metallicity [M/H], dex: the label m_h copied from labels by trigger; NULL when the model has none.';
COMMENT ON COLUMN prediction.feh IS 'Iron abundance [Fe/H], dex: the label feh copied from labels by trigger; NULL when the model has none.';
COMMENT ON COLUMN prediction.alpha_m IS 'Alpha-element abundance [alpha/M], dex: the label alpha_m copied from labels by trigger; NULL when the model has none.';
COMMENT ON COLUMN prediction.c_m IS 'Carbon abundance [C/M], dex: the label c_m copied from labels by trigger; NULL when the model has none.';
COMMENT ON COLUMN prediction.n_m IS 'Nitrogen abundance [N/M], dex: the label n_m copied from labels by trigger; NULL when the model has none.';

UPDATE prediction pr
SET teff = pr.labels[array_position(m.label_names, 'teff')],
    logg = pr.labels[array_position(m.label_names, 'logg')],
    m_h = pr.labels[array_position(m.label_names, 'm_h')],
    feh = pr.labels[array_position(m.label_names, 'feh')],
    alpha_m = pr.labels[array_position(m.label_names, 'alpha_m')],
    c_m = pr.labels[array_position(m.label_names, 'c_m')],
    n_m = pr.labels[array_position(m.label_names, 'n_m')]
FROM model m
WHERE m.model_id = pr.model_id;

CREATE FUNCTION prediction_named_labels() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    names text[];
BEGIN
    SELECT m.label_names INTO names FROM model m WHERE m.model_id = NEW.model_id;
    NEW.teff := NEW.labels[array_position(names, 'teff')];
    NEW.logg := NEW.labels[array_position(names, 'logg')];
    NEW.m_h := NEW.labels[array_position(names, 'm_h')];
    NEW.feh := NEW.labels[array_position(names, 'feh')];
    NEW.alpha_m := NEW.labels[array_position(names, 'alpha_m')];
    NEW.c_m := NEW.labels[array_position(names, 'c_m')];
    NEW.n_m := NEW.labels[array_position(names, 'n_m')];
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION prediction_named_labels() IS
    'Row trigger of prediction: sets the named label columns (teff, logg, m_h, feh, alpha_m, c_m, n_m) from labels by the model''s label_names, whatever the writer put there.';

CREATE TRIGGER prediction_named_labels BEFORE INSERT OR UPDATE OF labels, model_id, teff, logg, m_h, feh, alpha_m, c_m, n_m
    ON prediction FOR EACH ROW EXECUTE FUNCTION prediction_named_labels();

CREATE INDEX prediction_teff_idx ON prediction (teff) WHERE teff IS NOT NULL;
CREATE INDEX prediction_logg_idx ON prediction (logg) WHERE logg IS NOT NULL;
CREATE INDEX prediction_m_h_idx ON prediction (m_h) WHERE m_h IS NOT NULL;
CREATE INDEX prediction_feh_idx ON prediction (feh) WHERE feh IS NOT NULL;
CREATE INDEX prediction_model_flags_idx ON prediction (model_id, flags);

CREATE OR REPLACE VIEW labels_current AS
SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, mc.label_set, pr.model_id,
       pr.teff,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'teff')], pr.formal_errors[array_position(m.label_names, 'teff')]) AS teff_err,
       pr.logg,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'logg')], pr.formal_errors[array_position(m.label_names, 'logg')]) AS logg_err,
       pr.m_h,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'm_h')], pr.formal_errors[array_position(m.label_names, 'm_h')]) AS m_h_err,
       pr.feh,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'feh')], pr.formal_errors[array_position(m.label_names, 'feh')]) AS feh_err,
       pr.alpha_m,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'alpha_m')], pr.formal_errors[array_position(m.label_names, 'alpha_m')]) AS alpha_m_err,
       pr.c_m,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'c_m')], pr.formal_errors[array_position(m.label_names, 'c_m')]) AS c_m_err,
       pr.n_m,
       coalesce(pr.calibrated_errors[array_position(m.label_names, 'n_m')], pr.formal_errors[array_position(m.label_names, 'n_m')]) AS n_m_err,
       m.label_names, pr.labels, pr.formal_errors, pr.empirical_errors,
       pr.reduced_chi2, pr.n_pixels, pr.flags, pr.status, pr.created_at,
       m.training_set_id, t.label_source, t.catalogue_id,
       pr.calibrated_errors, pr.covariance, pr.settings_id
FROM model_current mc
JOIN model m ON m.model_id = mc.model_id
LEFT JOIN training_set t ON t.training_set_id = m.training_set_id
JOIN prediction pr ON pr.model_id = mc.model_id
LEFT JOIN lamost_spectrum s ON s.obsid = pr.obsid;

CREATE VIEW label_flag_counts AS
SELECT c.label_set, c.model_id, f.bit, f.name, sum(c.n)::bigint AS n_spectra
FROM (SELECT mc.label_set, mc.model_id, g.flags, g.n
      FROM model_current mc
      CROSS JOIN LATERAL (SELECT pr.flags, count(*) AS n FROM prediction pr
                          WHERE pr.model_id = mc.model_id GROUP BY pr.flags) g) c
JOIN flag_bits f ON c.flags & (1 << f.bit) <> 0
GROUP BY c.label_set, c.model_id, f.bit, f.name;
COMMENT ON VIEW label_flag_counts IS 'Spectra of the current model of each label set that carry each flag bit (one row per label set and raised bit; flag_bits names the bits). Counts the predictions once per distinct flags value, then expands the bits.';
COMMENT ON COLUMN label_flag_counts.label_set IS 'Label set of the current model.';
COMMENT ON COLUMN label_flag_counts.model_id IS 'The current model of the label set.';
COMMENT ON COLUMN label_flag_counts.bit IS 'Flag bit (value 2^bit), see flag_bits.';
COMMENT ON COLUMN label_flag_counts.name IS 'Short name of the flag bit.';
COMMENT ON COLUMN label_flag_counts.n_spectra IS 'Number of spectra whose current-model prediction carries the bit.';
