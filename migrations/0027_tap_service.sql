-- The TAP service's database side (issue 21): the published schema `slam` (views only, scalars only), the
-- IVOA TAP_SCHEMA (TAP 1.1 section 4) generated from those views' catalogue entries and COMMENTs by
-- slam_refresh_tap_schema(), the read-only group role slam_tap that TAP queries run as, and the tables of
-- asynchronous (UWS) jobs and their stored results. docs/sql-guide.md ("The published schema (TAP)") lists
-- the views; docs/roles.md the privileges.
--
-- Roles are cluster-wide: slam_tap is created only when missing, tolerating a concurrent migration of
-- another database, as in 0011.

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'slam_tap') THEN
        BEGIN
            CREATE ROLE slam_tap NOLOGIN;
            COMMENT ON ROLE slam_tap IS 'SLAM TAP queries: USAGE on schemas slam and tap_schema and SELECT on their views and tables, nothing else (docs/roles.md).';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            RAISE NOTICE 'role slam_tap was created concurrently';
        END;
    END IF;
END
$roles$;

CREATE SCHEMA slam AUTHORIZATION slam_owner;
COMMENT ON SCHEMA slam IS 'The published catalogue: the views a TAP client (TOPCAT, pyvo, STILTS) may query, scalars only, with units and UCDs in tap_schema.';
CREATE SCHEMA tap_schema AUTHORIZATION slam_owner;
COMMENT ON SCHEMA tap_schema IS 'IVOA TAP_SCHEMA (TAP 1.1 section 4): the schemas, tables, columns and foreign keys of the published schema slam and of tap_schema itself; filled by slam_refresh_tap_schema().';

-- The published views -----------------------------------------------------------------------------------
-- Each is owned by slam_owner and reads the tables with its owner's rights: a role granted only slam_tap
-- reads these views and nothing under them.

CREATE VIEW slam.labels AS
SELECT obsid, designation, ra, dec, snrg, label_set, model_id,
       teff, teff_err, logg, logg_err, m_h, m_h_err, feh, feh_err, alpha_m, alpha_m_err, c_m, c_m_err, n_m, n_m_err,
       reduced_chi2, n_pixels, flags, status AS fit_status, created_at
FROM public.labels_current;
COMMENT ON VIEW slam.labels IS 'SLAM labels of each LAMOST spectrum from the current model of each label set: one row per spectrum and label set, so filter on label_set (apogee-dr15: APOGEE-trained m_h, alpha_m, c_m, n_m; lasp-dr5: LASP-trained feh). A label the label set lacks is NULL. Errors are the published (calibrated) 1-sigma errors.';

CREATE VIEW slam.labels_history AS
SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, m.label_set, pr.model_id,
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
       pr.reduced_chi2, pr.n_pixels, pr.flags, pr.status AS fit_status, pr.created_at,
       (mc.model_id IS NOT NULL) AS is_current
FROM public.prediction pr
JOIN public.model m ON m.model_id = pr.model_id
JOIN public.lamost_spectrum s ON s.obsid = pr.obsid
LEFT JOIN public.model_current mc ON mc.model_id = pr.model_id;
COMMENT ON VIEW slam.labels_history IS 'SLAM labels of each LAMOST spectrum from every model version (the columns of slam.labels per model_id, plus is_current): a newer model adds rows beside the older ones.';

CREATE VIEW slam.spectra AS
SELECT obsid, designation, ra, dec, lmjd, mjd, date_obs, planid, spid, fiberid, class, subclass,
       z, z_err, helio_rv, snru, snrg, snrr, snri, snrz, data_release, pipeline_version, obsid_synthetic, ingested_at
FROM public.lamost_spectrum;
COMMENT ON VIEW slam.spectra IS 'LAMOST low-resolution spectra in the catalogue: one row per observation with the header metadata (position, observation, LAMOST pipeline class and redshift, S/N per band).';

CREATE VIEW slam.models AS
SELECT m.model_id, m.label_set, array_to_string(m.label_names, ',') AS label_names, m.status,
       (mc.model_id IS NOT NULL) AS is_current, mc.promoted_at,
       m.training_set_id, t.name AS training_set, t.version AS training_set_version, t.label_source,
       m.n_train, m.n_pixels,
       CASE WHEN m.settings -> 'hyperparameters' ? 'fixed' THEN 'fixed'
            WHEN m.settings -> 'hyperparameters' ? 'defaultGrid' THEN 'default_grid'
            WHEN m.settings -> 'hyperparameters' ? 'grid' THEN 'grid' END AS hyperparameter_search,
       CASE WHEN jsonb_typeof(m.settings #> '{hyperparameters,fixed,c}') = 'number'
            THEN (m.settings #>> '{hyperparameters,fixed,c}')::double precision END AS svr_c,
       CASE WHEN jsonb_typeof(m.settings #> '{hyperparameters,fixed,epsilon}') = 'number'
            THEN (m.settings #>> '{hyperparameters,fixed,epsilon}')::double precision END AS svr_epsilon,
       CASE WHEN jsonb_typeof(m.settings #> '{hyperparameters,fixed,gamma}') = 'number'
            THEN (m.settings #>> '{hyperparameters,fixed,gamma}')::double precision END AS svr_gamma,
       CASE WHEN jsonb_typeof(m.settings #> '{hyperparameters,defaultGrid,folds}') = 'number'
            THEN (m.settings #>> '{hyperparameters,defaultGrid,folds}')::numeric::integer
            WHEN jsonb_typeof(m.settings #> '{hyperparameters,grid,folds}') = 'number'
            THEN (m.settings #>> '{hyperparameters,grid,folds}')::numeric::integer END AS grid_folds,
       CASE WHEN jsonb_typeof(m.settings -> 'validationFolds') = 'number'
            THEN (m.settings ->> 'validationFolds')::numeric::integer END AS validation_folds,
       m.code_version, m.created_at, m.finished_at
FROM public.model m
JOIN public.training_set t ON t.training_set_id = m.training_set_id
LEFT JOIN public.model_current mc ON mc.model_id = m.model_id;
COMMENT ON VIEW slam.models IS 'The SLAM model registry: every model version with its label set, status, training set and hyperparameters; is_current marks the model that publishes each label set in slam.labels.';

CREATE VIEW slam.model_precision AS
SELECT p.model_id, p.label,
       coalesce(c.label_units[array_position(c.label_names, p.label)],
                CASE WHEN p.label = 'teff' THEN 'K' ELSE 'dex' END) AS label_unit,
       p.scope, p.snr_min, p.snr_max, p.n, p.bias, p.scatter, p.robust_scatter, p.error_calibration
FROM public.model_precision p
JOIN public.model m ON m.model_id = p.model_id
JOIN public.training_set t ON t.training_set_id = m.training_set_id
LEFT JOIN public.label_catalogue c ON c.catalogue_id = t.catalogue_id;
COMMENT ON VIEW slam.model_precision IS 'Cross-validated precision of each model per label and S/N_g bin (SLAM minus reference labels): bias and scatter in label units (label_unit); scope all spans every S/N.';

CREATE VIEW slam.flag_bits AS
SELECT bit, name, description FROM public.flag_bits;
COMMENT ON VIEW slam.flag_bits IS 'Meaning of each bit of the flags columns: flags & power(2, bit) <> 0 (in ADQL: MOD(FLOOR(flags / POWER(2, bit)), 2) = 1) means the warning applies.';

-- Column comments (units in the text, as everywhere in the schema).
COMMENT ON COLUMN slam.labels.obsid IS 'LAMOST observation id (negative for DR1 pilot spectra without OBSID).';
COMMENT ON COLUMN slam.labels.designation IS 'LAMOST designation, e.g. LAMOST J012345.67+123456.7.';
COMMENT ON COLUMN slam.labels.ra IS 'Right ascension (J2000/ICRS), degrees.';
COMMENT ON COLUMN slam.labels.dec IS 'Declination (J2000/ICRS), degrees.';
COMMENT ON COLUMN slam.labels.snrg IS 'Signal-to-noise ratio per pixel in the g band (LAMOST SNRG), dimensionless.';
COMMENT ON COLUMN slam.labels.label_set IS 'Label set of the model (apogee-dr15: APOGEE-trained labels, lasp-dr5: LASP-trained labels, ...).';
COMMENT ON COLUMN slam.labels.model_id IS 'The model that predicted the labels (slam.models.model_id).';
COMMENT ON COLUMN slam.labels.teff IS 'Effective temperature, K.';
COMMENT ON COLUMN slam.labels.teff_err IS 'Published 1-sigma error of teff (calibrated, else formal), K.';
COMMENT ON COLUMN slam.labels.logg IS 'Surface gravity log10(g / (cm s^-2)), dex.';
COMMENT ON COLUMN slam.labels.logg_err IS 'Published 1-sigma error of logg (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels.m_h IS 'Metallicity [M/H], dex.';
COMMENT ON COLUMN slam.labels.m_h_err IS 'Published 1-sigma error of m_h (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels.feh IS 'Iron abundance [Fe/H], dex.';
COMMENT ON COLUMN slam.labels.feh_err IS 'Published 1-sigma error of feh (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels.alpha_m IS 'Alpha-element abundance [alpha/M], dex.';
COMMENT ON COLUMN slam.labels.alpha_m_err IS 'Published 1-sigma error of alpha_m (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels.c_m IS 'Carbon abundance [C/M], dex.';
COMMENT ON COLUMN slam.labels.c_m_err IS 'Published 1-sigma error of c_m (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels.n_m IS 'Nitrogen abundance [N/M], dex.';
COMMENT ON COLUMN slam.labels.n_m_err IS 'Published 1-sigma error of n_m (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels.reduced_chi2 IS 'Reduced chi-square of the best fit, dimensionless.';
COMMENT ON COLUMN slam.labels.n_pixels IS 'Number of pixels used in the fit.';
COMMENT ON COLUMN slam.labels.flags IS 'Bitmask of warnings; slam.flag_bits names each bit. 0: no warning.';
COMMENT ON COLUMN slam.labels.fit_status IS 'Fit status: converged, max_iterations, kept_first_guess, failed ...';
COMMENT ON COLUMN slam.labels.created_at IS 'Time the labels were computed (UTC).';

COMMENT ON COLUMN slam.labels_history.obsid IS 'LAMOST observation id (negative for DR1 pilot spectra without OBSID).';
COMMENT ON COLUMN slam.labels_history.designation IS 'LAMOST designation, e.g. LAMOST J012345.67+123456.7.';
COMMENT ON COLUMN slam.labels_history.ra IS 'Right ascension (J2000/ICRS), degrees.';
COMMENT ON COLUMN slam.labels_history.dec IS 'Declination (J2000/ICRS), degrees.';
COMMENT ON COLUMN slam.labels_history.snrg IS 'Signal-to-noise ratio per pixel in the g band (LAMOST SNRG), dimensionless.';
COMMENT ON COLUMN slam.labels_history.label_set IS 'Label set of the model (apogee-dr15, lasp-dr5, ...).';
COMMENT ON COLUMN slam.labels_history.model_id IS 'The model version that predicted the labels (slam.models.model_id).';
COMMENT ON COLUMN slam.labels_history.teff IS 'Effective temperature, K.';
COMMENT ON COLUMN slam.labels_history.teff_err IS 'Published 1-sigma error of teff (calibrated, else formal), K.';
COMMENT ON COLUMN slam.labels_history.logg IS 'Surface gravity log10(g / (cm s^-2)), dex.';
COMMENT ON COLUMN slam.labels_history.logg_err IS 'Published 1-sigma error of logg (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels_history.m_h IS 'Metallicity [M/H], dex.';
COMMENT ON COLUMN slam.labels_history.m_h_err IS 'Published 1-sigma error of m_h (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels_history.feh IS 'Iron abundance [Fe/H], dex.';
COMMENT ON COLUMN slam.labels_history.feh_err IS 'Published 1-sigma error of feh (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels_history.alpha_m IS 'Alpha-element abundance [alpha/M], dex.';
COMMENT ON COLUMN slam.labels_history.alpha_m_err IS 'Published 1-sigma error of alpha_m (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels_history.c_m IS 'Carbon abundance [C/M], dex.';
COMMENT ON COLUMN slam.labels_history.c_m_err IS 'Published 1-sigma error of c_m (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels_history.n_m IS 'Nitrogen abundance [N/M], dex.';
COMMENT ON COLUMN slam.labels_history.n_m_err IS 'Published 1-sigma error of n_m (calibrated, else formal), dex.';
COMMENT ON COLUMN slam.labels_history.reduced_chi2 IS 'Reduced chi-square of the best fit, dimensionless.';
COMMENT ON COLUMN slam.labels_history.n_pixels IS 'Number of pixels used in the fit.';
COMMENT ON COLUMN slam.labels_history.flags IS 'Bitmask of warnings; slam.flag_bits names each bit. 0: no warning.';
COMMENT ON COLUMN slam.labels_history.fit_status IS 'Fit status: converged, max_iterations, kept_first_guess, failed ...';
COMMENT ON COLUMN slam.labels_history.created_at IS 'Time the labels were computed (UTC).';
COMMENT ON COLUMN slam.labels_history.is_current IS 'True when model_id is the current model of its label set (its rows are in slam.labels).';

COMMENT ON COLUMN slam.spectra.obsid IS 'LAMOST observation id; negative for DR1 pilot files without OBSID (derived from lmjd, planid, spid, fiberid; see obsid_synthetic).';
COMMENT ON COLUMN slam.spectra.designation IS 'LAMOST designation, e.g. LAMOST J012345.67+123456.7 (header DESIG).';
COMMENT ON COLUMN slam.spectra.ra IS 'Right ascension (J2000/ICRS), degrees (header RA).';
COMMENT ON COLUMN slam.spectra.dec IS 'Declination (J2000/ICRS), degrees (header DEC).';
COMMENT ON COLUMN slam.spectra.lmjd IS 'Local modified Julian day of the observation night, days (header LMJD).';
COMMENT ON COLUMN slam.spectra.mjd IS 'Modified Julian day of the observation, days (header MJD).';
COMMENT ON COLUMN slam.spectra.date_obs IS 'Header DATE-OBS as written (UTC; not always valid ISO 8601).';
COMMENT ON COLUMN slam.spectra.planid IS 'Observing plan id (header PLANID).';
COMMENT ON COLUMN slam.spectra.spid IS 'Spectrograph id, 1-16 (header SPID).';
COMMENT ON COLUMN slam.spectra.fiberid IS 'Fibre id within the spectrograph, 1-250 (header FIBERID).';
COMMENT ON COLUMN slam.spectra.class IS 'LAMOST pipeline class (STAR, GALAXY, QSO, Unknown).';
COMMENT ON COLUMN slam.spectra.subclass IS 'LAMOST pipeline subclass (spectral type, e.g. K3).';
COMMENT ON COLUMN slam.spectra.z IS 'Redshift from the LAMOST pipeline, dimensionless; NULL when unknown.';
COMMENT ON COLUMN slam.spectra.z_err IS 'Redshift uncertainty, dimensionless; NULL when unknown.';
COMMENT ON COLUMN slam.spectra.helio_rv IS 'Heliocentric radial velocity from the LAMOST pipeline, km/s; NULL when unknown.';
COMMENT ON COLUMN slam.spectra.snru IS 'Signal-to-noise ratio per pixel in the u band, dimensionless.';
COMMENT ON COLUMN slam.spectra.snrg IS 'Signal-to-noise ratio per pixel in the g band, dimensionless; the S/N used for cuts and S/N bins.';
COMMENT ON COLUMN slam.spectra.snrr IS 'Signal-to-noise ratio per pixel in the r band, dimensionless.';
COMMENT ON COLUMN slam.spectra.snri IS 'Signal-to-noise ratio per pixel in the i band, dimensionless.';
COMMENT ON COLUMN slam.spectra.snrz IS 'Signal-to-noise ratio per pixel in the z band, dimensionless.';
COMMENT ON COLUMN slam.spectra.data_release IS 'LAMOST data release (header DATA_V), e.g. LAMOST DR5.';
COMMENT ON COLUMN slam.spectra.pipeline_version IS 'LAMOST pipeline version (header VERSPIPE).';
COMMENT ON COLUMN slam.spectra.obsid_synthetic IS 'True when obsid was derived from the file identity (DR1 pilot files without OBSID).';
COMMENT ON COLUMN slam.spectra.ingested_at IS 'Time the spectrum entered the catalogue (UTC).';

COMMENT ON COLUMN slam.models.model_id IS 'Model id.';
COMMENT ON COLUMN slam.models.label_set IS 'Label set the model publishes (apogee-dr15, lasp-dr5, ...).';
COMMENT ON COLUMN slam.models.label_names IS 'The labels the model predicts, comma-separated, e.g. teff,logg,m_h,alpha_m.';
COMMENT ON COLUMN slam.models.status IS 'training, ready, failed or retired.';
COMMENT ON COLUMN slam.models.is_current IS 'True for the current model of its label set (the one slam.labels shows).';
COMMENT ON COLUMN slam.models.promoted_at IS 'When the current model was promoted (UTC); NULL for models that are not current.';
COMMENT ON COLUMN slam.models.training_set_id IS 'Training set id.';
COMMENT ON COLUMN slam.models.training_set IS 'Training set name.';
COMMENT ON COLUMN slam.models.training_set_version IS 'Training set version within its name.';
COMMENT ON COLUMN slam.models.label_source IS 'Where the reference labels of the training set come from, with version.';
COMMENT ON COLUMN slam.models.n_train IS 'Number of training spectra.';
COMMENT ON COLUMN slam.models.n_pixels IS 'Number of model pixels.';
COMMENT ON COLUMN slam.models.hyperparameter_search IS 'How the per-pixel SVR hyperparameters were chosen: fixed (svr_c, svr_epsilon, svr_gamma for every pixel), default_grid or grid (K-fold search per pixel, grid_folds folds).';
COMMENT ON COLUMN slam.models.svr_c IS 'SVR penalty C of every pixel, dimensionless (standardised units); NULL when searched per pixel.';
COMMENT ON COLUMN slam.models.svr_epsilon IS 'SVR tube half-width epsilon of every pixel, standardised flux units; NULL when searched per pixel.';
COMMENT ON COLUMN slam.models.svr_gamma IS 'RBF kernel gamma of every pixel, 1 / (standardised label units)^2; NULL when searched per pixel.';
COMMENT ON COLUMN slam.models.grid_folds IS 'Folds of the per-pixel hyperparameter search; NULL for fixed hyperparameters.';
COMMENT ON COLUMN slam.models.validation_folds IS 'Folds of the cross-validation of the whole method (slam.model_precision).';
COMMENT ON COLUMN slam.models.code_version IS 'Version of the slam code that trained the model.';
COMMENT ON COLUMN slam.models.created_at IS 'When training started (UTC).';
COMMENT ON COLUMN slam.models.finished_at IS 'When training ended (UTC); NULL while training.';

COMMENT ON COLUMN slam.model_precision.model_id IS 'Model id (slam.models.model_id).';
COMMENT ON COLUMN slam.model_precision.label IS 'Label name (teff, logg, m_h, ...).';
COMMENT ON COLUMN slam.model_precision.label_unit IS 'Unit of the label and of bias, scatter and robust_scatter: K for teff, dex otherwise (or the source catalogue''s).';
COMMENT ON COLUMN slam.model_precision.scope IS 'bin: one S/N_g bin; all: every cross-validated spectrum.';
COMMENT ON COLUMN slam.model_precision.snr_min IS 'Lower edge of the S/N_g bin (inclusive), dimensionless.';
COMMENT ON COLUMN slam.model_precision.snr_max IS 'Upper edge of the S/N_g bin (exclusive), dimensionless; 1e6 for the open last bin.';
COMMENT ON COLUMN slam.model_precision.n IS 'Number of cross-validated spectra in the bin.';
COMMENT ON COLUMN slam.model_precision.bias IS 'Mean of SLAM minus reference, label units (label_unit).';
COMMENT ON COLUMN slam.model_precision.scatter IS 'Standard deviation of SLAM minus reference, label units (label_unit).';
COMMENT ON COLUMN slam.model_precision.robust_scatter IS '1.4826 x median absolute deviation of SLAM minus reference, label units (label_unit).';
COMMENT ON COLUMN slam.model_precision.error_calibration IS 'Standard deviation of (SLAM minus reference) / formal error, dimensionless; 1 for well-calibrated errors.';

COMMENT ON COLUMN slam.flag_bits.bit IS 'Bit number (value 2^bit).';
COMMENT ON COLUMN slam.flag_bits.name IS 'Short name of the flag.';
COMMENT ON COLUMN slam.flag_bits.description IS 'What the flag means and what to do about it.';

-- TAP_SCHEMA (TAP 1.1 section 4) -----------------------------------------------------------------------

CREATE TABLE tap_schema.schemas (
    schema_name  text PRIMARY KEY,
    utype        text,
    description  text,
    schema_index integer
);
CREATE TABLE tap_schema.tables (
    schema_name text NOT NULL REFERENCES tap_schema.schemas (schema_name),
    table_name  text PRIMARY KEY,
    table_type  text NOT NULL CHECK (table_type IN ('table', 'view')),
    utype       text,
    description text,
    table_index integer
);
CREATE TABLE tap_schema.columns (
    table_name   text NOT NULL REFERENCES tap_schema.tables (table_name),
    column_name  text NOT NULL,
    utype        text,
    ucd          text,
    unit         text,
    description  text,
    datatype     text NOT NULL,
    arraysize    text,
    xtype        text,
    "size"       integer,
    principal    integer NOT NULL CHECK (principal IN (0, 1)),
    indexed      integer NOT NULL CHECK (indexed IN (0, 1)),
    std          integer NOT NULL CHECK (std IN (0, 1)),
    column_index integer,
    PRIMARY KEY (table_name, column_name)
);
CREATE TABLE tap_schema.keys (
    key_id       text PRIMARY KEY,
    from_table   text NOT NULL REFERENCES tap_schema.tables (table_name),
    target_table text NOT NULL REFERENCES tap_schema.tables (table_name),
    utype        text,
    description  text
);
CREATE TABLE tap_schema.key_columns (
    key_id        text NOT NULL REFERENCES tap_schema.keys (key_id),
    from_column   text NOT NULL,
    target_column text NOT NULL,
    PRIMARY KEY (key_id, from_column)
);
COMMENT ON TABLE tap_schema.schemas IS 'Schemas published by this TAP service.';
COMMENT ON COLUMN tap_schema.schemas.schema_name IS 'Schema name, for use in ADQL queries.';
COMMENT ON COLUMN tap_schema.schemas.utype IS 'Schema utype (none here).';
COMMENT ON COLUMN tap_schema.schemas.description IS 'Brief description of the schema.';
COMMENT ON COLUMN tap_schema.schemas.schema_index IS 'Recommended sort order when listing schemas.';
COMMENT ON TABLE tap_schema.tables IS 'Tables and views published by this TAP service.';
COMMENT ON COLUMN tap_schema.tables.schema_name IS 'The schema the table belongs to.';
COMMENT ON COLUMN tap_schema.tables.table_name IS 'Fully qualified table name (schema.table), for use in ADQL queries.';
COMMENT ON COLUMN tap_schema.tables.table_type IS 'table or view.';
COMMENT ON COLUMN tap_schema.tables.utype IS 'Table utype (none here).';
COMMENT ON COLUMN tap_schema.tables.description IS 'Brief description of the table.';
COMMENT ON COLUMN tap_schema.tables.table_index IS 'Recommended sort order when listing tables.';
COMMENT ON TABLE tap_schema.columns IS 'Columns of the published tables, with VOTable types, units and UCDs.';
COMMENT ON COLUMN tap_schema.columns.table_name IS 'Fully qualified name of the table the column belongs to.';
COMMENT ON COLUMN tap_schema.columns.column_name IS 'Column name, for use in ADQL queries.';
COMMENT ON COLUMN tap_schema.columns.utype IS 'Column utype (none here).';
COMMENT ON COLUMN tap_schema.columns.ucd IS 'Unified Content Descriptor (UCD1+) of the column.';
COMMENT ON COLUMN tap_schema.columns.unit IS 'Unit of the column values in VOUnit syntax.';
COMMENT ON COLUMN tap_schema.columns.description IS 'Brief description of the column.';
COMMENT ON COLUMN tap_schema.columns.datatype IS 'VOTable datatype of the column (short, int, long, float, double, boolean, char, ...).';
COMMENT ON COLUMN tap_schema.columns.arraysize IS 'VOTable arraysize: * for variable-length strings and arrays, NULL for scalars.';
COMMENT ON COLUMN tap_schema.columns.xtype IS 'VOTable/DALI xtype (timestamp for times, as ISO 8601 strings).';
COMMENT ON COLUMN tap_schema.columns."size" IS 'Length of fixed-length strings (TAP 1.0 compatibility; NULL: variable).';
COMMENT ON COLUMN tap_schema.columns.principal IS '1 if the column is among the most relevant of its table, else 0.';
COMMENT ON COLUMN tap_schema.columns.indexed IS '1 if an index serves queries on the column, else 0.';
COMMENT ON COLUMN tap_schema.columns.std IS '1 if the column is defined by a standard (the TAP_SCHEMA columns), else 0.';
COMMENT ON COLUMN tap_schema.columns.column_index IS 'Recommended sort order when listing columns of a table.';
COMMENT ON TABLE tap_schema.keys IS 'Foreign keys between published tables (joins that make sense).';
COMMENT ON COLUMN tap_schema.keys.key_id IS 'Key identifier.';
COMMENT ON COLUMN tap_schema.keys.from_table IS 'Fully qualified name of the table holding the foreign key.';
COMMENT ON COLUMN tap_schema.keys.target_table IS 'Fully qualified name of the table the key points to.';
COMMENT ON COLUMN tap_schema.keys.utype IS 'Key utype (none here).';
COMMENT ON COLUMN tap_schema.keys.description IS 'Brief description of the key.';
COMMENT ON TABLE tap_schema.key_columns IS 'Column pairs of the foreign keys in tap_schema.keys.';
COMMENT ON COLUMN tap_schema.key_columns.key_id IS 'Key identifier (tap_schema.keys.key_id).';
COMMENT ON COLUMN tap_schema.key_columns.from_column IS 'Column of the from_table.';
COMMENT ON COLUMN tap_schema.key_columns.target_column IS 'Column of the target_table.';

-- What pg_catalog does not know: units, UCDs, principal and indexed flags of the published columns, and the
-- foreign keys between the published views. Read by slam_refresh_tap_schema(); a column without a row has
-- no unit or UCD and is neither principal nor indexed.
CREATE TABLE tap_schema_column_meta (
    table_name  text NOT NULL CHECK (table_name ~ '^[a-z_]+\.[a-z0-9_]+$'),
    column_name text NOT NULL,
    unit        text,
    ucd         text,
    principal   boolean NOT NULL DEFAULT false,
    indexed     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (table_name, column_name)
);
COMMENT ON TABLE tap_schema_column_meta IS 'TAP metadata of the published columns that pg_catalog lacks, copied into tap_schema.columns by slam_refresh_tap_schema().';
COMMENT ON COLUMN tap_schema_column_meta.table_name IS 'Qualified view name, e.g. slam.labels.';
COMMENT ON COLUMN tap_schema_column_meta.column_name IS 'Column name.';
COMMENT ON COLUMN tap_schema_column_meta.unit IS 'VOUnit of the values (K, dex, deg, d, km/s, log(cm.s**-2), ...); NULL for dimensionless or non-numeric columns.';
COMMENT ON COLUMN tap_schema_column_meta.ucd IS 'UCD1+ of the column, e.g. pos.eq.ra;meta.main.';
COMMENT ON COLUMN tap_schema_column_meta.principal IS 'Among the most relevant columns of its view (TAP principal).';
COMMENT ON COLUMN tap_schema_column_meta.indexed IS 'An index serves conditions on this column (TAP indexed).';

CREATE TABLE tap_schema_key_meta (
    key_id        text PRIMARY KEY,
    from_table    text NOT NULL,
    from_column   text NOT NULL,
    target_table  text NOT NULL,
    target_column text NOT NULL,
    description   text NOT NULL
);
COMMENT ON TABLE tap_schema_key_meta IS 'The single-column foreign keys between published tables, copied into tap_schema.keys and key_columns by slam_refresh_tap_schema().';
COMMENT ON COLUMN tap_schema_key_meta.key_id IS 'Key identifier.';
COMMENT ON COLUMN tap_schema_key_meta.from_table IS 'Qualified name of the table holding the key.';
COMMENT ON COLUMN tap_schema_key_meta.from_column IS 'Column of from_table.';
COMMENT ON COLUMN tap_schema_key_meta.target_table IS 'Qualified name of the table the key points to.';
COMMENT ON COLUMN tap_schema_key_meta.target_column IS 'Column of target_table.';
COMMENT ON COLUMN tap_schema_key_meta.description IS 'What the join means.';

INSERT INTO tap_schema_column_meta (table_name, column_name, unit, ucd, principal, indexed)
SELECT v.table_name, c.column_name, c.unit, c.ucd, c.principal, c.indexed
FROM (VALUES ('slam.labels'), ('slam.labels_history')) AS v(table_name)
CROSS JOIN (VALUES
    ('obsid',        NULL,            'meta.id;meta.main',                        true,  true),
    ('designation',  NULL,            'meta.id',                                  true,  true),
    ('ra',           'deg',           'pos.eq.ra;meta.main',                      true,  true),
    ('dec',          'deg',           'pos.eq.dec;meta.main',                     true,  true),
    ('snrg',         NULL,            'stat.snr;em.opt.B',                        true,  false),
    ('label_set',    NULL,            'meta.code.class',                          true,  false),
    ('model_id',     NULL,            'meta.id;meta.software',                    false, true),
    ('teff',         'K',             'phys.temperature.effective',               true,  false),
    ('teff_err',     'K',             'stat.error;phys.temperature.effective',    true,  false),
    ('logg',         'log(cm.s**-2)', 'phys.gravity',                             true,  false),
    ('logg_err',     'log(cm.s**-2)', 'stat.error;phys.gravity',                  true,  false),
    ('m_h',          'dex',           'phys.abund.Z',                             true,  false),
    ('m_h_err',      'dex',           'stat.error;phys.abund.Z',                  true,  false),
    ('feh',          'dex',           'phys.abund.Fe',                            true,  false),
    ('feh_err',      'dex',           'stat.error;phys.abund.Fe',                 true,  false),
    ('alpha_m',      'dex',           'phys.abund',                               true,  false),
    ('alpha_m_err',  'dex',           'stat.error;phys.abund',                    true,  false),
    ('c_m',          'dex',           'phys.abund',                               false, false),
    ('c_m_err',      'dex',           'stat.error;phys.abund',                    false, false),
    ('n_m',          'dex',           'phys.abund',                               false, false),
    ('n_m_err',      'dex',           'stat.error;phys.abund',                    false, false),
    ('reduced_chi2', NULL,            'stat.fit.chi2',                            false, false),
    ('n_pixels',     NULL,            'meta.number;instr.pixel',                  false, false),
    ('flags',        NULL,            'meta.code.qual',                           true,  false),
    ('fit_status',   NULL,            'meta.code.status',                         false, false),
    ('created_at',   NULL,            'time.processing',                          false, false),
    ('is_current',   NULL,            'meta.code',                                false, false)
) AS c(column_name, unit, ucd, principal, indexed)
WHERE c.column_name <> 'is_current' OR v.table_name = 'slam.labels_history';

INSERT INTO tap_schema_column_meta (table_name, column_name, unit, ucd, principal, indexed) VALUES
    ('slam.spectra', 'obsid',            NULL,   'meta.id;meta.main',                true,  true),
    ('slam.spectra', 'designation',      NULL,   'meta.id',                          true,  true),
    ('slam.spectra', 'ra',               'deg',  'pos.eq.ra;meta.main',              true,  true),
    ('slam.spectra', 'dec',              'deg',  'pos.eq.dec;meta.main',             true,  true),
    ('slam.spectra', 'lmjd',             'd',    'time.epoch;obs',                   false, false),
    ('slam.spectra', 'mjd',              'd',    'time.epoch;obs',                   true,  false),
    ('slam.spectra', 'date_obs',         NULL,   'time.epoch;obs',                   false, false),
    ('slam.spectra', 'planid',           NULL,   'meta.id;obs.field',                false, false),
    ('slam.spectra', 'spid',             NULL,   'meta.id;instr',                    false, false),
    ('slam.spectra', 'fiberid',          NULL,   'meta.id;instr',                    false, false),
    ('slam.spectra', 'class',            NULL,   'src.class',                        true,  false),
    ('slam.spectra', 'subclass',         NULL,   'src.spType',                       true,  false),
    ('slam.spectra', 'z',                NULL,   'src.redshift',                     false, false),
    ('slam.spectra', 'z_err',            NULL,   'stat.error;src.redshift',          false, false),
    ('slam.spectra', 'helio_rv',         'km/s', 'spect.dopplerVeloc.opt',           false, false),
    ('slam.spectra', 'snru',             NULL,   'stat.snr;em.opt.U',                false, false),
    ('slam.spectra', 'snrg',             NULL,   'stat.snr;em.opt.B',                true,  false),
    ('slam.spectra', 'snrr',             NULL,   'stat.snr;em.opt.R',                false, false),
    ('slam.spectra', 'snri',             NULL,   'stat.snr;em.opt.I',                false, false),
    ('slam.spectra', 'snrz',             NULL,   'stat.snr;em.opt.I',                false, false),
    ('slam.spectra', 'data_release',     NULL,   'meta.dataset',                     false, false),
    ('slam.spectra', 'pipeline_version', NULL,   'meta.version;meta.software',       false, false),
    ('slam.spectra', 'obsid_synthetic',  NULL,   'meta.code',                        false, false),
    ('slam.spectra', 'ingested_at',      NULL,   'time.processing',                  false, false),

    ('slam.models', 'model_id',              NULL, 'meta.id;meta.main',     true,  true),
    ('slam.models', 'label_set',             NULL, 'meta.code.class',       true,  true),
    ('slam.models', 'label_names',           NULL, 'meta.note',             true,  false),
    ('slam.models', 'status',                NULL, 'meta.code.status',      true,  false),
    ('slam.models', 'is_current',            NULL, 'meta.code',             true,  false),
    ('slam.models', 'promoted_at',           NULL, 'time.release',          false, false),
    ('slam.models', 'training_set_id',       NULL, 'meta.id',               false, false),
    ('slam.models', 'training_set',          NULL, 'meta.id',               true,  false),
    ('slam.models', 'training_set_version',  NULL, 'meta.version',          false, false),
    ('slam.models', 'label_source',          NULL, 'meta.ref',              false, false),
    ('slam.models', 'n_train',               NULL, 'meta.number',           true,  false),
    ('slam.models', 'n_pixels',              NULL, 'meta.number;instr.pixel', false, false),
    ('slam.models', 'hyperparameter_search', NULL, 'meta.code',             false, false),
    ('slam.models', 'svr_c',                 NULL, 'stat.fit.param',        false, false),
    ('slam.models', 'svr_epsilon',           NULL, 'stat.fit.param',        false, false),
    ('slam.models', 'svr_gamma',             NULL, 'stat.fit.param',        false, false),
    ('slam.models', 'grid_folds',            NULL, 'meta.number',           false, false),
    ('slam.models', 'validation_folds',      NULL, 'meta.number',           false, false),
    ('slam.models', 'code_version',          NULL, 'meta.version;meta.software', false, false),
    ('slam.models', 'created_at',            NULL, 'time.creation',         false, false),
    ('slam.models', 'finished_at',           NULL, 'time.end',              false, false),

    ('slam.model_precision', 'model_id',          NULL, 'meta.id',                    true,  true),
    ('slam.model_precision', 'label',             NULL, 'meta.id',                    true,  false),
    ('slam.model_precision', 'label_unit',        NULL, 'meta.unit',                  true,  false),
    ('slam.model_precision', 'scope',             NULL, 'meta.code',                  true,  false),
    ('slam.model_precision', 'snr_min',           NULL, 'stat.snr;stat.min',          true,  false),
    ('slam.model_precision', 'snr_max',           NULL, 'stat.snr;stat.max',          true,  false),
    ('slam.model_precision', 'n',                 NULL, 'meta.number',                true,  false),
    ('slam.model_precision', 'bias',              NULL, 'stat.fit.residual;stat.mean', true, false),
    ('slam.model_precision', 'scatter',           NULL, 'stat.stdev',                 true,  false),
    ('slam.model_precision', 'robust_scatter',    NULL, 'stat.stdev',                 true,  false),
    ('slam.model_precision', 'error_calibration', NULL, 'stat.stdev;arith.ratio',     false, false),

    ('slam.flag_bits', 'bit',         NULL, 'meta.code;meta.main', true, true),
    ('slam.flag_bits', 'name',        NULL, 'meta.id',             true, false),
    ('slam.flag_bits', 'description', NULL, 'meta.note',           true, false);

INSERT INTO tap_schema_key_meta (key_id, from_table, from_column, target_table, target_column, description) VALUES
    ('labels_model',              'slam.labels',           'model_id',    'slam.models',       'model_id',    'The model that predicted the labels.'),
    ('labels_spectrum',           'slam.labels',           'obsid',       'slam.spectra',      'obsid',       'The spectrum the labels were fitted to.'),
    ('labels_history_model',      'slam.labels_history',   'model_id',    'slam.models',       'model_id',    'The model version that predicted the labels.'),
    ('labels_history_spectrum',   'slam.labels_history',   'obsid',       'slam.spectra',      'obsid',       'The spectrum the labels were fitted to.'),
    ('model_precision_model',     'slam.model_precision',  'model_id',    'slam.models',       'model_id',    'The model whose precision the row gives.'),
    ('tap_tables_schema',         'tap_schema.tables',     'schema_name', 'tap_schema.schemas', 'schema_name', 'The schema of a table.'),
    ('tap_columns_table',         'tap_schema.columns',    'table_name',  'tap_schema.tables', 'table_name',  'The table of a column.'),
    ('tap_keys_from_table',       'tap_schema.keys',       'from_table',  'tap_schema.tables', 'table_name',  'The table holding a foreign key.'),
    ('tap_keys_target_table',     'tap_schema.keys',       'target_table', 'tap_schema.tables', 'table_name', 'The table a foreign key points to.'),
    ('tap_key_columns_key',       'tap_schema.key_columns', 'key_id',     'tap_schema.keys',   'key_id',      'The key a column pair belongs to.');

-- The generator -------------------------------------------------------------------------------------------

CREATE FUNCTION slam_refresh_tap_schema(adql_reserved text[] DEFAULT '{}') RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    n integer;
BEGIN
    -- One refresh at a time (two `slam serve` starting together); readers keep reading the old rows.
    LOCK TABLE tap_schema.schemas, tap_schema.tables, tap_schema.columns, tap_schema.keys, tap_schema.key_columns
        IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM tap_schema.key_columns;
    DELETE FROM tap_schema.keys;
    DELETE FROM tap_schema.columns;
    DELETE FROM tap_schema.tables;
    DELETE FROM tap_schema.schemas;

    INSERT INTO tap_schema.schemas (schema_name, utype, description, schema_index)
    SELECT ns.nspname, NULL, obj_description(ns.oid, 'pg_namespace'), k
    FROM unnest(ARRAY['slam', 'tap_schema']) WITH ORDINALITY AS s(name, k)
    JOIN pg_namespace ns ON ns.nspname = s.name;

    INSERT INTO tap_schema.tables (schema_name, table_name, table_type, utype, description, table_index)
    SELECT ns.nspname, ns.nspname || '.' || c.relname, CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END, NULL,
           obj_description(c.oid, 'pg_class'),
           row_number() OVER (ORDER BY ns.nspname = 'tap_schema', c.relname)
    FROM pg_class c
    JOIN pg_namespace ns ON ns.oid = c.relnamespace
    WHERE (ns.nspname = 'slam' AND c.relkind IN ('v', 'm')) OR (ns.nspname = 'tap_schema' AND c.relkind = 'r');

    INSERT INTO tap_schema.columns (table_name, column_name, utype, ucd, unit, description, datatype, arraysize, xtype,
                                    "size", principal, indexed, std, column_index)
    SELECT t.table_name,
           CASE WHEN upper(a.attname) = ANY (adql_reserved) THEN '"' || a.attname || '"' ELSE a.attname END,
           NULL, meta.ucd, meta.unit, col_description(c.oid, a.attnum),
           CASE coalesce(elem.typname, ty.typname)
               WHEN 'int2' THEN 'short' WHEN 'int4' THEN 'int' WHEN 'int8' THEN 'long'
               WHEN 'float4' THEN 'float' WHEN 'float8' THEN 'double' WHEN 'numeric' THEN 'double'
               WHEN 'bool' THEN 'boolean' WHEN 'bytea' THEN 'unsignedByte' ELSE 'char' END,
           CASE WHEN elem.oid IS NOT NULL
                  OR coalesce(elem.typname, ty.typname) NOT IN ('int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'bool')
                THEN '*' END,
           CASE WHEN ty.typname IN ('timestamptz', 'timestamp', 'date') THEN 'timestamp' END,
           NULL,
           CASE WHEN ns.nspname = 'tap_schema' OR meta.principal THEN 1 ELSE 0 END,
           CASE WHEN meta.indexed OR EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indkey[0] = a.attnum)
                THEN 1 ELSE 0 END,
           CASE WHEN ns.nspname = 'tap_schema' THEN 1 ELSE 0 END,
           row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)
    FROM tap_schema.tables t
    JOIN pg_namespace ns ON ns.nspname = t.schema_name
    JOIN pg_class c ON c.relnamespace = ns.oid AND ns.nspname || '.' || c.relname = t.table_name
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type ty ON ty.oid = a.atttypid
    LEFT JOIN pg_type elem ON elem.oid = ty.typelem AND ty.typcategory = 'A'
    LEFT JOIN tap_schema_column_meta meta ON meta.table_name = t.table_name AND meta.column_name = a.attname;
    GET DIAGNOSTICS n = ROW_COUNT;

    INSERT INTO tap_schema.keys (key_id, from_table, target_table, utype, description)
    SELECT k.key_id, k.from_table, k.target_table, NULL, k.description
    FROM tap_schema_key_meta k
    WHERE EXISTS (SELECT 1 FROM tap_schema.columns c WHERE c.table_name = k.from_table AND c.column_name = k.from_column)
      AND EXISTS (SELECT 1 FROM tap_schema.columns c WHERE c.table_name = k.target_table AND c.column_name = k.target_column);
    INSERT INTO tap_schema.key_columns (key_id, from_column, target_column)
    SELECT k.key_id, k.from_column, k.target_column
    FROM tap_schema_key_meta k JOIN tap_schema.keys USING (key_id);
    RETURN n;
END
$$;
COMMENT ON FUNCTION slam_refresh_tap_schema(text[]) IS
    'Rewrites tap_schema from the views of schema slam and the tables of tap_schema (pg_catalog: columns, types as VOTable datatypes, COMMENTs as descriptions) and from tap_schema_column_meta and tap_schema_key_meta (units, UCDs, principal, indexed, keys); returns the number of columns. A column whose upper-cased name is in adql_reserved (the ADQL reserved words, passed by slam serve) is published delimited, e.g. "size", as TAP 1.1 requires. SECURITY DEFINER (slam_owner): run by migration 0027 and by slam serve at start.';

-- Ownership and privileges ------------------------------------------------------------------------------

ALTER VIEW slam.labels OWNER TO slam_owner;
ALTER VIEW slam.labels_history OWNER TO slam_owner;
ALTER VIEW slam.spectra OWNER TO slam_owner;
ALTER VIEW slam.models OWNER TO slam_owner;
ALTER VIEW slam.model_precision OWNER TO slam_owner;
ALTER VIEW slam.flag_bits OWNER TO slam_owner;
ALTER TABLE tap_schema.schemas OWNER TO slam_owner;
ALTER TABLE tap_schema.tables OWNER TO slam_owner;
ALTER TABLE tap_schema.columns OWNER TO slam_owner;
ALTER TABLE tap_schema.keys OWNER TO slam_owner;
ALTER TABLE tap_schema.key_columns OWNER TO slam_owner;
ALTER FUNCTION slam_refresh_tap_schema(text[]) OWNER TO slam_owner;

GRANT USAGE ON SCHEMA slam, tap_schema TO slam_tap, slam_reader, slam_worker, slam_operator;
GRANT SELECT ON ALL TABLES IN SCHEMA slam TO slam_tap, slam_reader, slam_worker, slam_operator;
GRANT SELECT ON ALL TABLES IN SCHEMA tap_schema TO slam_tap, slam_reader, slam_worker, slam_operator;
-- Views a later migration adds to the published schema are readable by the same roles.
ALTER DEFAULT PRIVILEGES IN SCHEMA slam GRANT SELECT ON TABLES TO slam_tap, slam_reader, slam_worker, slam_operator;
ALTER DEFAULT PRIVILEGES FOR ROLE slam_owner IN SCHEMA slam GRANT SELECT ON TABLES TO slam_tap, slam_reader, slam_worker, slam_operator;
ALTER DEFAULT PRIVILEGES FOR ROLE slam_owner IN SCHEMA tap_schema GRANT SELECT ON TABLES TO slam_tap, slam_reader, slam_worker, slam_operator;

REVOKE EXECUTE ON FUNCTION slam_refresh_tap_schema(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION slam_refresh_tap_schema(text[]) TO slam_operator;

-- Asynchronous (UWS 1.1) jobs and their results ----------------------------------------------------------

CREATE TABLE tap_job (
    uws_id               text PRIMARY KEY CHECK (uws_id ~ '^[A-Za-z0-9_-]{16,64}$'),
    phase                text NOT NULL DEFAULT 'PENDING'
                         CHECK (phase IN ('PENDING', 'QUEUED', 'EXECUTING', 'COMPLETED', 'ERROR', 'ABORTED')),
    owner                text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    started_at           timestamptz,
    ended_at             timestamptz,
    execution_duration_s integer NOT NULL DEFAULT 0 CHECK (execution_duration_s >= 0),
    destruction_at       timestamptz NOT NULL,
    quote_at             timestamptz,
    parameters           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(parameters) = 'object'),
    upload               bytea CHECK (octet_length(upload) <= 16777216),
    error_message        text,
    result_format        text,
    result_rows          bigint CHECK (result_rows >= 0),
    overflow             boolean NOT NULL DEFAULT false,
    queue_job_id         bigint,
    CHECK ((phase = 'COMPLETED') = (result_rows IS NOT NULL AND result_format IS NOT NULL)),
    CHECK (phase <> 'ERROR' OR error_message IS NOT NULL)
);
CREATE INDEX tap_job_created_idx ON tap_job (created_at DESC, uws_id);
CREATE INDEX tap_job_destruction_idx ON tap_job (destruction_at);
COMMENT ON TABLE tap_job IS 'An asynchronous TAP query (a UWS 1.1 job of /tap/async): its phase, times, parameters and the summary of its result, stored in tap_result_chunk. Run as a queue job (queue_job_id); deleted with its result at destruction_at.';
COMMENT ON COLUMN tap_job.uws_id IS 'The UWS job id in the job URL: random, URL-safe (A-Z a-z 0-9 _ -), 16 to 64 characters.';
COMMENT ON COLUMN tap_job.phase IS 'UWS phase: PENDING (created, not run), QUEUED (RUN received, waiting for a worker), EXECUTING, COMPLETED, ERROR or ABORTED.';
COMMENT ON COLUMN tap_job.owner IS 'UWS owner id of the job; NULL for anonymous jobs.';
COMMENT ON COLUMN tap_job.created_at IS 'UWS creationTime.';
COMMENT ON COLUMN tap_job.started_at IS 'UWS startTime: when the job started EXECUTING.';
COMMENT ON COLUMN tap_job.ended_at IS 'UWS endTime: when the job reached COMPLETED, ERROR or ABORTED.';
COMMENT ON COLUMN tap_job.execution_duration_s IS 'UWS executionDuration: the longest the query may run, seconds; 0 means no limit beyond the service''s statement timeout.';
COMMENT ON COLUMN tap_job.destruction_at IS 'UWS destruction time: the job and its result are deleted after it.';
COMMENT ON COLUMN tap_job.quote_at IS 'UWS quote: when the job is expected to end; NULL when the service gives no estimate.';
COMMENT ON COLUMN tap_job.parameters IS 'The job''s parameters as a JSON object, name (upper case) to value: LANG, QUERY, FORMAT or RESPONSEFORMAT, MAXREC, RUNID, UPLOAD.';
COMMENT ON COLUMN tap_job.upload IS 'The uploaded table (TAP_UPLOAD), a VOTable document as sent; at most 16 MiB (16777216 bytes).';
COMMENT ON COLUMN tap_job.error_message IS 'Why the job is in phase ERROR (the UWS error summary), e.g. the ADQL error and its position.';
COMMENT ON COLUMN tap_job.result_format IS 'MIME type of the stored result document (e.g. application/x-votable+xml), when COMPLETED.';
COMMENT ON COLUMN tap_job.result_rows IS 'Number of rows in the result, when COMPLETED.';
COMMENT ON COLUMN tap_job.overflow IS 'True when MAXREC cut the result (the VOTable carries the overflow INFO).';
COMMENT ON COLUMN tap_job.queue_job_id IS 'The queue job (job.id) that runs the query, once QUEUED.';

CREATE TABLE tap_result_chunk (
    uws_id text NOT NULL REFERENCES tap_job (uws_id) ON DELETE CASCADE,
    seq    integer NOT NULL CHECK (seq >= 0),
    data   bytea NOT NULL,
    PRIMARY KEY (uws_id, seq)
);
COMMENT ON TABLE tap_result_chunk IS 'The result document of an asynchronous TAP job in chunks of about 1 MiB, concatenated in seq order; deleted with its job.';
COMMENT ON COLUMN tap_result_chunk.seq IS 'Position of the chunk in the document, from 0.';
COMMENT ON COLUMN tap_result_chunk.data IS 'Bytes of the document (about 1 MiB, the last chunk shorter).';

GRANT SELECT ON tap_job, tap_result_chunk, tap_schema_column_meta, tap_schema_key_meta TO slam_reader, slam_worker, slam_operator;
GRANT INSERT, UPDATE, DELETE ON tap_job, tap_result_chunk TO slam_worker, slam_operator;

SELECT slam_refresh_tap_schema();
