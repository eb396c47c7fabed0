-- LAMOST low-resolution spectra: one row per observation, the preprocessing versions, and the
-- preprocessed spectra on the model grid. Raw files stay where they are; rows point to them.

CREATE TABLE lamost_spectrum (
    obsid            bigint PRIMARY KEY,
    obsid_synthetic  boolean NOT NULL DEFAULT false,
    designation      text,
    ra               double precision NOT NULL CHECK (ra >= 0 AND ra < 360),
    dec              double precision NOT NULL CHECK (dec BETWEEN -90 AND 90),
    lmjd             integer,
    mjd              integer,
    date_obs         text,
    planid           text,
    spid             smallint,
    fiberid          smallint,
    class            text,
    subclass         text,
    z                double precision,
    z_err            double precision,
    helio_rv         double precision,
    snru             real,
    snrg             real,
    snrr             real,
    snri             real,
    snrz             real,
    data_release     text,
    pipeline_version text,
    file_layout      text NOT NULL CHECK (file_layout IN ('image', 'table')),
    n_pixels         integer NOT NULL CHECK (n_pixels > 0),
    file_path        text NOT NULL,
    file_sha256      text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_bytes       bigint NOT NULL CHECK (file_bytes > 0),
    header           jsonb NOT NULL,
    notes            text[] NOT NULL DEFAULT '{}',
    ingest_job_id    bigint,
    ingested_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lamost_spectrum_q3c_idx ON lamost_spectrum (q3c_ang2ipix(ra, dec));
CREATE INDEX lamost_spectrum_designation_idx ON lamost_spectrum (designation);
CREATE INDEX lamost_spectrum_sha256_idx ON lamost_spectrum (file_sha256);

COMMENT ON TABLE lamost_spectrum IS 'One LAMOST low-resolution spectrum (one observation, one FITS file) with its header metadata; the raw file stays on disk at file_path.';
COMMENT ON COLUMN lamost_spectrum.obsid IS 'LAMOST observation id (header OBSID, catalogue obsid). For DR1 pilot files without OBSID: a negative id derived from the file identity (LMJD, PLANID, SPID, FIBERID), see obsid_synthetic.';
COMMENT ON COLUMN lamost_spectrum.obsid_synthetic IS 'True when obsid was derived from the file identity because the file has no OBSID keyword (DR1 pilot files).';
COMMENT ON COLUMN lamost_spectrum.designation IS 'LAMOST designation, e.g. ''LAMOST J012345.67+123456.7'' (header DESIG).';
COMMENT ON COLUMN lamost_spectrum.ra IS 'Right ascension (J2000/ICRS), degrees (header RA).';
COMMENT ON COLUMN lamost_spectrum.dec IS 'Declination (J2000/ICRS), degrees (header DEC).';
COMMENT ON COLUMN lamost_spectrum.lmjd IS 'Local modified Julian day of the observation night, days (header LMJD; the number in the file name).';
COMMENT ON COLUMN lamost_spectrum.mjd IS 'Modified Julian day, days (header MJD; may differ from lmjd by one).';
COMMENT ON COLUMN lamost_spectrum.date_obs IS 'Header DATE-OBS as written (not always valid ISO 8601).';
COMMENT ON COLUMN lamost_spectrum.planid IS 'Observing plan id (header PLANID), may contain underscores.';
COMMENT ON COLUMN lamost_spectrum.spid IS 'Spectrograph id, 1-16 (header SPID).';
COMMENT ON COLUMN lamost_spectrum.fiberid IS 'Fibre id within the spectrograph, 1-250 (header FIBERID).';
COMMENT ON COLUMN lamost_spectrum.class IS 'LAMOST pipeline class (STAR, GALAXY, QSO, Unknown).';
COMMENT ON COLUMN lamost_spectrum.subclass IS 'LAMOST pipeline subclass (spectral type, e.g. K3).';
COMMENT ON COLUMN lamost_spectrum.z IS 'Redshift from the LAMOST pipeline, dimensionless (rest wavelength = observed / (1 + z)); NULL when the file has the -9999 sentinel.';
COMMENT ON COLUMN lamost_spectrum.z_err IS 'Redshift uncertainty, dimensionless; NULL for the -9999 sentinel.';
COMMENT ON COLUMN lamost_spectrum.helio_rv IS 'Heliocentric radial velocity, km/s; NULL for the -9999 sentinel.';
COMMENT ON COLUMN lamost_spectrum.snru IS 'Signal-to-noise ratio per pixel in the u band (SNRU or SN_U); NULL when missing.';
COMMENT ON COLUMN lamost_spectrum.snrg IS 'Signal-to-noise ratio per pixel in the g band (SNRG or SN_G); the S/N used for cuts and S/N bins.';
COMMENT ON COLUMN lamost_spectrum.snrr IS 'Signal-to-noise ratio per pixel in the r band.';
COMMENT ON COLUMN lamost_spectrum.snri IS 'Signal-to-noise ratio per pixel in the i band.';
COMMENT ON COLUMN lamost_spectrum.snrz IS 'Signal-to-noise ratio per pixel in the z band.';
COMMENT ON COLUMN lamost_spectrum.data_release IS 'Data release (header DATA_V), e.g. ''LAMOST DR5''.';
COMMENT ON COLUMN lamost_spectrum.pipeline_version IS 'LAMOST pipeline version (header VERSPIPE), e.g. v2.9.7.';
COMMENT ON COLUMN lamost_spectrum.file_layout IS 'File layout: image (DR1-DR8 primary-HDU 5-row image) or table (DR10 COADD binary table).';
COMMENT ON COLUMN lamost_spectrum.n_pixels IS 'Number of pixels in the file (3748-3909 seen).';
COMMENT ON COLUMN lamost_spectrum.file_path IS 'Absolute path of the FITS file as ingested.';
COMMENT ON COLUMN lamost_spectrum.file_sha256 IS 'SHA-256 of the file bytes as stored on disk (gzipped if the file is), lowercase hex.';
COMMENT ON COLUMN lamost_spectrum.file_bytes IS 'File size, bytes.';
COMMENT ON COLUMN lamost_spectrum.header IS 'The whole primary header (and table header for the table layout) as a JSON object keyword -> value.';
COMMENT ON COLUMN lamost_spectrum.notes IS 'Reader notes that are not errors, e.g. wavelength row disagreeing with the COEFF0/COEFF1 grid.';
COMMENT ON COLUMN lamost_spectrum.ingest_job_id IS 'Job that ingested this row (job.id).';
COMMENT ON COLUMN lamost_spectrum.ingested_at IS 'Time the row was written.';

CREATE TABLE preprocessing (
    preprocessing_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version          text NOT NULL UNIQUE,
    settings         jsonb NOT NULL,
    grid_start       double precision NOT NULL,
    grid_step        double precision NOT NULL CHECK (grid_step > 0),
    n_pixels         integer NOT NULL CHECK (n_pixels > 0),
    created_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE preprocessing IS 'A preprocessing version: the algorithm and every setting used to normalise and resample spectra onto a model grid. Every preprocessed spectrum and model refers to one.';
COMMENT ON COLUMN preprocessing.version IS 'Stable version string; it changes whenever the algorithm or any setting changes.';
COMMENT ON COLUMN preprocessing.settings IS 'All settings as JSON (grid, continuum bins, percentiles, spline smoothing, bad-pixel limit, mask policy).';
COMMENT ON COLUMN preprocessing.grid_start IS 'Wavelength of the first model-grid pixel, Angstrom (rest frame, vacuum).';
COMMENT ON COLUMN preprocessing.grid_step IS 'Model-grid step, Angstrom.';
COMMENT ON COLUMN preprocessing.n_pixels IS 'Number of model-grid pixels.';

CREATE TABLE spectrum_preprocessed (
    obsid            bigint NOT NULL REFERENCES lamost_spectrum (obsid) ON DELETE CASCADE,
    preprocessing_id integer NOT NULL REFERENCES preprocessing (preprocessing_id),
    flux             real[] NOT NULL,
    ivar             real[] NOT NULL,
    n_bad_pixels     integer NOT NULL CHECK (n_bad_pixels >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (obsid, preprocessing_id),
    CHECK (cardinality(flux) = cardinality(ivar))
);
COMMENT ON TABLE spectrum_preprocessed IS 'A spectrum shifted to the rest frame, continuum-normalised and resampled onto the model grid of one preprocessing version.';
COMMENT ON COLUMN spectrum_preprocessed.flux IS 'Continuum-normalised flux on the model grid, dimensionless; bad pixels hold 1 with ivar 0. Never NaN.';
COMMENT ON COLUMN spectrum_preprocessed.ivar IS 'Inverse variance of the normalised flux, dimensionless^-2; 0 marks a bad pixel.';
COMMENT ON COLUMN spectrum_preprocessed.n_bad_pixels IS 'Number of bad pixels (ivar = 0) on the model grid.';

CREATE TABLE rejection (
    rejection_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stage        text NOT NULL,
    source       text NOT NULL,
    object       text,
    reason_code  text NOT NULL,
    reason       text NOT NULL,
    job_id       bigint,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rejection_source_idx ON rejection (source);
CREATE INDEX rejection_stage_reason_idx ON rejection (stage, reason_code);
COMMENT ON TABLE rejection IS 'Every input that was refused, with the reason: files that could not be read, spectra that failed preprocessing, catalogue rows that were malformed. The rest of the batch goes on.';
COMMENT ON COLUMN rejection.stage IS 'Where the input was refused: ingest_lamost, preprocess, ingest_apogee, load_catalogue, predict, ...';
COMMENT ON COLUMN rejection.source IS 'The input: a file path, or a catalogue file and row.';
COMMENT ON COLUMN rejection.object IS 'The object it concerns when known: obsid, APOGEE_ID, ...';
COMMENT ON COLUMN rejection.reason_code IS 'Machine-readable reason, e.g. truncated_gzip, not_fits, missing_keyword, too_many_bad_pixels.';
COMMENT ON COLUMN rejection.reason IS 'Human-readable reason with the failing values.';
COMMENT ON COLUMN rejection.job_id IS 'Job during which the input was refused (job.id).';
