-- APOGEE allStar labels: one row per star and data release (duplicates across fields resolved at load).

CREATE TABLE apogee_star (
    apogee_id     text NOT NULL,
    release       text NOT NULL,
    telescope     text,
    field         text,
    ra            double precision NOT NULL CHECK (ra >= 0 AND ra < 360),
    dec           double precision NOT NULL CHECK (dec BETWEEN -90 AND 90),
    snr           real,
    teff          real,
    teff_err      real,
    logg          real,
    logg_err      real,
    m_h           real,
    m_h_err       real,
    alpha_m       real,
    alpha_m_err   real,
    c_m           real,
    c_m_err       real,
    n_m           real,
    n_m_err       real,
    aspcapflag    bigint NOT NULL DEFAULT 0,
    starflag      bigint NOT NULL DEFAULT 0,
    extratarg     integer,
    n_rows        smallint NOT NULL DEFAULT 1 CHECK (n_rows >= 1),
    source_file   text NOT NULL,
    load_job_id   bigint,
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (apogee_id, release)
);
CREATE INDEX apogee_star_q3c_idx ON apogee_star (q3c_ang2ipix(ra, dec));

COMMENT ON TABLE apogee_star IS 'APOGEE stars from an allStar file, one row per APOGEE_ID and release; missing values (-9999 or NaN in the file) are NULL.';
COMMENT ON COLUMN apogee_star.apogee_id IS 'APOGEE_ID, 2MASS-style identifier, e.g. 2M00000002+7417074.';
COMMENT ON COLUMN apogee_star.release IS 'Data release the row comes from, e.g. DR15.';
COMMENT ON COLUMN apogee_star.telescope IS 'TELESCOPE (apo25m, lco25m, apo1m) of the kept row.';
COMMENT ON COLUMN apogee_star.field IS 'FIELD of the kept row.';
COMMENT ON COLUMN apogee_star.ra IS 'Right ascension (J2000/ICRS), degrees.';
COMMENT ON COLUMN apogee_star.dec IS 'Declination (J2000/ICRS), degrees.';
COMMENT ON COLUMN apogee_star.snr IS 'APOGEE S/N per pixel of the combined spectrum (SNR).';
COMMENT ON COLUMN apogee_star.teff IS 'ASPCAP effective temperature, K.';
COMMENT ON COLUMN apogee_star.teff_err IS 'Uncertainty of teff, K.';
COMMENT ON COLUMN apogee_star.logg IS 'ASPCAP surface gravity log10(g / cm s^-2), dex.';
COMMENT ON COLUMN apogee_star.logg_err IS 'Uncertainty of logg, dex.';
COMMENT ON COLUMN apogee_star.m_h IS 'ASPCAP metallicity [M/H], dex.';
COMMENT ON COLUMN apogee_star.m_h_err IS 'Uncertainty of m_h, dex.';
COMMENT ON COLUMN apogee_star.alpha_m IS 'ASPCAP alpha enhancement [alpha/M], dex.';
COMMENT ON COLUMN apogee_star.alpha_m_err IS 'Uncertainty of alpha_m, dex.';
COMMENT ON COLUMN apogee_star.c_m IS 'ASPCAP [C/M] from PARAM (index 4), dex.';
COMMENT ON COLUMN apogee_star.c_m_err IS 'Uncertainty of c_m from the PARAM_COV diagonal, dex.';
COMMENT ON COLUMN apogee_star.n_m IS 'ASPCAP [N/M] from PARAM (index 5), dex.';
COMMENT ON COLUMN apogee_star.n_m_err IS 'Uncertainty of n_m from the PARAM_COV diagonal, dex.';
COMMENT ON COLUMN apogee_star.aspcapflag IS 'ASPCAPFLAG bitmask (as unsigned; bits 16-31 are BAD flags, 23 STAR_BAD).';
COMMENT ON COLUMN apogee_star.starflag IS 'STARFLAG bitmask (bad bits 0 BAD_PIXELS, 3 VERY_BRIGHT_NEIGHBOR, 18 BAD_RV_COMBINATION).';
COMMENT ON COLUMN apogee_star.extratarg IS 'EXTRATARG bitmask when present (bit 4: duplicate).';
COMMENT ON COLUMN apogee_star.n_rows IS 'Number of allStar rows with this APOGEE_ID; the kept row is the one with the highest SNR.';
COMMENT ON COLUMN apogee_star.source_file IS 'Path of the allStar file loaded.';
COMMENT ON COLUMN apogee_star.load_job_id IS 'Job that loaded this row (job.id).';
