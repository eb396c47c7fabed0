-- Label catalogues (issue 10): versioned tables of reference labels from any source (APOGEE allStar,
-- LAMOST's own LASP AFGK catalogue, user tables), the record of every load attempt, and label-set-aware
-- views of the current labels. Training sets name the catalogue version they were drawn from.

CREATE TABLE label_catalogue (
    catalogue_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_.-]*$'),
    version        integer NOT NULL CHECK (version >= 1),
    kind           text NOT NULL CHECK (kind IN ('apogee', 'lasp', 'table')),
    key_kind       text NOT NULL CHECK (key_kind IN ('obsid', 'position')),
    label_names    text[] NOT NULL CHECK (cardinality(label_names) >= 1),
    label_units    text[] NOT NULL,
    source_file    text NOT NULL,
    file_sha256    text,
    mapping        jsonb NOT NULL DEFAULT '{}',
    apogee_release text,
    n_rows         integer NOT NULL CHECK (n_rows >= 0),
    load_job_id    bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, version),
    CHECK (cardinality(label_units) = cardinality(label_names)),
    CHECK ((kind = 'apogee') = (apogee_release IS NOT NULL))
);
COMMENT ON TABLE label_catalogue IS 'A version of a reference-label catalogue. Rows are in label_catalogue_row, except for kind apogee, whose rows are apogee_star of apogee_release (matched through a crossmatch run). Written whole or not at all; a reload under the same name is a new version.';
COMMENT ON COLUMN label_catalogue.name IS 'Catalogue name, e.g. apogee-dr15, lasp-dr5, galah-dr3; it is also the label set of the models trained on it.';
COMMENT ON COLUMN label_catalogue.version IS 'Version within the name, from 1.';
COMMENT ON COLUMN label_catalogue.kind IS 'apogee (allStar), lasp (LAMOST AFGK catalogue) or table (a user table).';
COMMENT ON COLUMN label_catalogue.key_kind IS 'obsid: rows name the LAMOST spectrum; position: rows are matched to spectra by q3c within a radius.';
COMMENT ON COLUMN label_catalogue.label_names IS 'Label names in the order of label_catalogue_row.labels, e.g. {teff,logg,feh}.';
COMMENT ON COLUMN label_catalogue.label_units IS 'Unit of each label after conversion on load: K, dex, km/s, mag or 1 (dimensionless).';
COMMENT ON COLUMN label_catalogue.source_file IS 'Absolute path of the file loaded.';
COMMENT ON COLUMN label_catalogue.file_sha256 IS 'SHA-256 of the file loaded, lowercase hex.';
COMMENT ON COLUMN label_catalogue.mapping IS 'How the file''s columns became labels: id or position columns, label, error and unit per label.';
COMMENT ON COLUMN label_catalogue.apogee_release IS 'For kind apogee: the apogee_star release holding the rows.';
COMMENT ON COLUMN label_catalogue.n_rows IS 'Number of reference rows.';
COMMENT ON COLUMN label_catalogue.load_job_id IS 'Job that loaded the catalogue (job.id); NULL when loaded outside the queue.';

CREATE TABLE label_catalogue_row (
    catalogue_id  integer NOT NULL REFERENCES label_catalogue (catalogue_id) ON DELETE CASCADE,
    reference_id  text NOT NULL,
    obsid         bigint,
    ra            double precision CHECK (ra >= 0 AND ra < 360),
    dec           double precision CHECK (dec BETWEEN -90 AND 90),
    labels        real[] NOT NULL,
    label_errors  real[] NOT NULL,
    snr           real,
    flags         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (catalogue_id, reference_id)
);
CREATE INDEX label_catalogue_row_obsid_idx ON label_catalogue_row (obsid, catalogue_id);
CREATE INDEX label_catalogue_row_q3c_idx ON label_catalogue_row (q3c_ang2ipix(ra, dec));
COMMENT ON TABLE label_catalogue_row IS 'One reference star (or spectrum) of a label catalogue with its labels and errors; a missing value (-9999 or NaN in the file) is a NULL element.';
COMMENT ON COLUMN label_catalogue_row.reference_id IS 'Identifier of the reference row: the obsid for obsid-keyed catalogues, else the id column (or row:N).';
COMMENT ON COLUMN label_catalogue_row.obsid IS 'LAMOST obsid (obsid-keyed catalogues).';
COMMENT ON COLUMN label_catalogue_row.ra IS 'Right ascension (J2000/ICRS), degrees; the match position for position-keyed catalogues.';
COMMENT ON COLUMN label_catalogue_row.dec IS 'Declination (J2000/ICRS), degrees.';
COMMENT ON COLUMN label_catalogue_row.labels IS 'Labels in label_catalogue.label_names order and label_units; NULL elements are missing.';
COMMENT ON COLUMN label_catalogue_row.label_errors IS '1-sigma errors, same order and units; NULL elements are unknown.';
COMMENT ON COLUMN label_catalogue_row.snr IS 'The catalogue''s S/N of the row when it has one (snrg for LASP).';
COMMENT ON COLUMN label_catalogue_row.flags IS 'The catalogue''s quality flags when it has them (0 otherwise).';

CREATE TABLE label_catalogue_load (
    load_id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL,
    kind          text NOT NULL,
    source_file   text NOT NULL,
    status        text NOT NULL CHECK (status IN ('complete', 'failed')),
    error         text,
    catalogue_id  integer REFERENCES label_catalogue (catalogue_id) ON DELETE SET NULL,
    n_rows        integer,
    job_id        bigint,
    finished_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'failed') = (error IS NOT NULL))
);
CREATE INDEX label_catalogue_load_name_idx ON label_catalogue_load (name, load_id DESC);
COMMENT ON TABLE label_catalogue_load IS 'Every attempt to load a label catalogue: complete (with the version written) or failed (with why; nothing was written).';
COMMENT ON COLUMN label_catalogue_load.error IS 'Why the load failed: the missing column, the non-numeric value, the duplicate id ...';

ALTER TABLE training_set ADD COLUMN catalogue_id integer REFERENCES label_catalogue (catalogue_id);
COMMENT ON COLUMN training_set.catalogue_id IS 'Label catalogue version the reference labels were copied from (NULL for sets made before label catalogues, from apogee_star through a crossmatch run).';

-- The current labels, one row per spectrum and label set: the same columns as before, plus where the
-- labels come from, so that "LASP [Fe/H]" and "APOGEE [M/H]" of a star are told apart by label_set.
CREATE OR REPLACE VIEW labels_current AS
SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, mc.label_set, pr.model_id,
       pr.labels[array_position(m.label_names, 'teff')]    AS teff,
       pr.formal_errors[array_position(m.label_names, 'teff')] AS teff_err,
       pr.labels[array_position(m.label_names, 'logg')]    AS logg,
       pr.formal_errors[array_position(m.label_names, 'logg')] AS logg_err,
       pr.labels[array_position(m.label_names, 'm_h')]     AS m_h,
       pr.formal_errors[array_position(m.label_names, 'm_h')] AS m_h_err,
       pr.labels[array_position(m.label_names, 'feh')]     AS feh,
       pr.formal_errors[array_position(m.label_names, 'feh')] AS feh_err,
       pr.labels[array_position(m.label_names, 'alpha_m')] AS alpha_m,
       pr.formal_errors[array_position(m.label_names, 'alpha_m')] AS alpha_m_err,
       pr.labels[array_position(m.label_names, 'c_m')]     AS c_m,
       pr.formal_errors[array_position(m.label_names, 'c_m')] AS c_m_err,
       pr.labels[array_position(m.label_names, 'n_m')]     AS n_m,
       pr.formal_errors[array_position(m.label_names, 'n_m')] AS n_m_err,
       m.label_names, pr.labels, pr.formal_errors, pr.empirical_errors,
       pr.reduced_chi2, pr.n_pixels, pr.flags, pr.status, pr.created_at,
       m.training_set_id, t.label_source, t.catalogue_id
FROM model_current mc
JOIN model m ON m.model_id = mc.model_id
JOIN training_set t ON t.training_set_id = m.training_set_id
JOIN prediction pr ON pr.model_id = mc.model_id
JOIN lamost_spectrum s ON s.obsid = pr.obsid;
COMMENT ON VIEW labels_current IS 'Labels of each spectrum from the current model of each label set: one row per obsid and label set, so always filter on label_set (e.g. lasp-dr5 for the LASP-trained feh, apogee-dr15 for the APOGEE-trained m_h). Named columns are NULL when the label set has no such label; errors here are formal.';

-- One row per spectrum, label set and label: the unambiguous long form.
CREATE VIEW labels_current_long AS
SELECT l.obsid, l.designation, l.label_set, l.model_id, n.label, l.labels[n.k] AS value,
       l.formal_errors[n.k] AS formal_error, l.empirical_errors[n.k] AS empirical_error,
       coalesce(c.label_units[array_position(c.label_names, n.label)],
                CASE WHEN n.label = 'teff' THEN 'K' ELSE 'dex' END) AS unit,
       l.snrg, l.flags, l.label_source
FROM labels_current l
CROSS JOIN LATERAL unnest(l.label_names) WITH ORDINALITY AS n(label, k)
LEFT JOIN label_catalogue c ON c.catalogue_id = l.catalogue_id;
COMMENT ON VIEW labels_current_long IS 'Current labels in long form: one row per spectrum, label set and label (value, formal and empirical error, and unit: the source catalogue''s, else K for teff and dex otherwise).';

-- What each label set is: its current model, its labels, and where its reference labels come from.
CREATE VIEW label_set_current AS
SELECT mc.label_set, mc.model_id, m.label_names, t.name AS training_set, t.version AS training_set_version,
       t.label_source, c.name AS catalogue, c.version AS catalogue_version, c.kind AS catalogue_kind,
       mc.promoted_at
FROM model_current mc
JOIN model m ON m.model_id = mc.model_id
JOIN training_set t ON t.training_set_id = m.training_set_id
LEFT JOIN label_catalogue c ON c.catalogue_id = t.catalogue_id;
COMMENT ON VIEW label_set_current IS 'Each label set with its current model, labels and reference-label source (catalogue name and version).';
