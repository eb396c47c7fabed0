-- The LAMOST catalogue (general catalogue, or the "A, F, G and K type stars" catalogue with the LASP
-- parameters), loaded when a user has it, to attach catalogue columns to spectra. One row per obsid;
-- the values are the catalogue's, which may differ from the FITS header of the same obsid when their
-- versions differ (both are kept, each with its version).

CREATE TABLE lamost_catalogue (
    obsid          bigint PRIMARY KEY,
    designation    text,
    obsdate        text,
    lmjd           integer,
    planid         text,
    spid           smallint,
    fiberid        smallint,
    ra             double precision CHECK (ra >= 0 AND ra < 360),
    dec            double precision CHECK (dec BETWEEN -90 AND 90),
    snru           real,
    snrg           real,
    snrr           real,
    snri           real,
    snrz           real,
    class          text,
    subclass       text,
    z              double precision,
    teff           real,
    teff_err       real,
    logg           real,
    logg_err       real,
    feh            real,
    feh_err        real,
    rv             real,
    data_release   text NOT NULL,
    catalogue_file text NOT NULL,
    load_job_id    bigint,
    loaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lamost_catalogue_identity_idx ON lamost_catalogue (lmjd, planid, spid, fiberid);
CREATE INDEX lamost_catalogue_q3c_idx ON lamost_catalogue (q3c_ang2ipix(ra, dec));

COMMENT ON TABLE lamost_catalogue IS 'A LAMOST catalogue (general or AFGK with LASP parameters) loaded from its FITS or CSV file: one row per obsid, upserted by obsid on reload. Rows that could not be loaded are in rejection (stage ingest_catalogue).';
COMMENT ON COLUMN lamost_catalogue.obsid IS 'LAMOST observation id (catalogue obsid), the spectrum key.';
COMMENT ON COLUMN lamost_catalogue.designation IS 'LAMOST designation as written in the catalogue (some releases drop the ''LAMOST '' prefix).';
COMMENT ON COLUMN lamost_catalogue.obsdate IS 'Observation date, YYYY-MM-DD as written (catalogue obsdate).';
COMMENT ON COLUMN lamost_catalogue.lmjd IS 'Local modified Julian day of the observation night, days.';
COMMENT ON COLUMN lamost_catalogue.planid IS 'Observing plan id.';
COMMENT ON COLUMN lamost_catalogue.spid IS 'Spectrograph id, 1-16.';
COMMENT ON COLUMN lamost_catalogue.fiberid IS 'Fibre id within the spectrograph, 1-250.';
COMMENT ON COLUMN lamost_catalogue.ra IS 'Right ascension (J2000/ICRS), degrees.';
COMMENT ON COLUMN lamost_catalogue.dec IS 'Declination (J2000/ICRS), degrees.';
COMMENT ON COLUMN lamost_catalogue.snru IS 'Signal-to-noise ratio per pixel in the u band, dimensionless; NULL when missing (0 or -9999 in the file).';
COMMENT ON COLUMN lamost_catalogue.snrg IS 'Signal-to-noise ratio per pixel in the g band, dimensionless; NULL when missing.';
COMMENT ON COLUMN lamost_catalogue.snrr IS 'Signal-to-noise ratio per pixel in the r band, dimensionless; NULL when missing.';
COMMENT ON COLUMN lamost_catalogue.snri IS 'Signal-to-noise ratio per pixel in the i band, dimensionless; NULL when missing.';
COMMENT ON COLUMN lamost_catalogue.snrz IS 'Signal-to-noise ratio per pixel in the z band, dimensionless; NULL when missing.';
COMMENT ON COLUMN lamost_catalogue.class IS 'LAMOST pipeline class (STAR, GALAXY, QSO, Unknown).';
COMMENT ON COLUMN lamost_catalogue.subclass IS 'LAMOST pipeline subclass (spectral type, e.g. K3).';
COMMENT ON COLUMN lamost_catalogue.z IS 'Redshift, dimensionless; NULL for the -9999 sentinel.';
COMMENT ON COLUMN lamost_catalogue.teff IS 'LASP effective temperature, K (AFGK catalogue only; NULL otherwise or for -9999).';
COMMENT ON COLUMN lamost_catalogue.teff_err IS 'LASP effective temperature uncertainty, K.';
COMMENT ON COLUMN lamost_catalogue.logg IS 'LASP surface gravity log10(g / cm s^-2), dex.';
COMMENT ON COLUMN lamost_catalogue.logg_err IS 'LASP surface gravity uncertainty, dex.';
COMMENT ON COLUMN lamost_catalogue.feh IS 'LASP metallicity [Fe/H], dex.';
COMMENT ON COLUMN lamost_catalogue.feh_err IS 'LASP metallicity uncertainty, dex.';
COMMENT ON COLUMN lamost_catalogue.rv IS 'LASP heliocentric radial velocity, km/s.';
COMMENT ON COLUMN lamost_catalogue.data_release IS 'Data release the catalogue belongs to, as given on load (e.g. DR5).';
COMMENT ON COLUMN lamost_catalogue.catalogue_file IS 'Absolute path of the catalogue file the row was loaded from.';
COMMENT ON COLUMN lamost_catalogue.load_job_id IS 'Job that loaded the row (job.id); NULL when loaded outside the queue.';
COMMENT ON COLUMN lamost_catalogue.loaded_at IS 'Time the row was (re)loaded.';

-- Catalogue rows by spectrum: by obsid, and for DR1 pilot spectra stored under a synthetic (negative)
-- obsid, by the file identity (lmjd, planid, spid, fiberid). lamost_spectrum keys are never rewritten.
CREATE VIEW lamost_spectrum_catalogue AS
    SELECT s.obsid AS spectrum_obsid, c.*
    FROM lamost_spectrum s JOIN lamost_catalogue c ON c.obsid = s.obsid
    WHERE NOT s.obsid_synthetic
    UNION ALL
    SELECT s.obsid AS spectrum_obsid, c.*
    FROM lamost_spectrum s
    JOIN lamost_catalogue c ON (c.lmjd, c.planid, c.spid, c.fiberid) = (s.lmjd, s.planid, s.spid, s.fiberid)
    WHERE s.obsid_synthetic;
COMMENT ON VIEW lamost_spectrum_catalogue IS 'The catalogue row of each ingested spectrum: spectrum_obsid is lamost_spectrum.obsid, obsid the catalogue obsid (they differ only for DR1 pilot spectra ingested under a synthetic negative obsid, matched by lmjd, planid, spid, fiberid).';
COMMENT ON COLUMN lamost_spectrum_catalogue.spectrum_obsid IS 'lamost_spectrum.obsid of the spectrum (negative for a DR1 pilot spectrum without OBSID).';
