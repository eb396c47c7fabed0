-- Training sets: immutable, versioned selections of spectra with reference labels copied in, so that a
-- set is self-contained whatever its label source (APOGEE through a crossmatch, a label catalogue, a list).

CREATE TABLE training_set (
    training_set_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
    version           integer NOT NULL CHECK (version >= 1),
    label_set         text NOT NULL,
    label_names       text[] NOT NULL CHECK (cardinality(label_names) >= 1),
    label_source      text NOT NULL,
    crossmatch_run_id integer REFERENCES crossmatch_run (run_id),
    preprocessing_id  integer NOT NULL REFERENCES preprocessing (preprocessing_id),
    criteria          jsonb NOT NULL,
    cut_report        jsonb NOT NULL,
    validation_fraction double precision NOT NULL DEFAULT 0 CHECK (validation_fraction >= 0 AND validation_fraction < 1),
    seed              bigint NOT NULL,
    n_members         integer NOT NULL CHECK (n_members >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, version)
);
COMMENT ON TABLE training_set IS 'A training set: immutable once written; a new selection under the same name is a new version.';
COMMENT ON COLUMN training_set.name IS 'Name given by the user; (name, version) identifies the set.';
COMMENT ON COLUMN training_set.version IS 'Version number within the name, from 1.';
COMMENT ON COLUMN training_set.label_set IS 'The label set the reference labels belong to (e.g. apogee-dr15, lasp-dr5); models trained on this set publish under it.';
COMMENT ON COLUMN training_set.label_names IS 'Label names in column order, e.g. {teff,logg,m_h,alpha_m,c_m,n_m}.';
COMMENT ON COLUMN training_set.label_source IS 'Where the reference labels come from, with version, e.g. apogee_star release DR15 via crossmatch run 3.';
COMMENT ON COLUMN training_set.crossmatch_run_id IS 'Crossmatch run the members were selected from, when the source is positional.';
COMMENT ON COLUMN training_set.preprocessing_id IS 'Preprocessing version of the members'' spectra.';
COMMENT ON COLUMN training_set.criteria IS 'Selection criteria as JSON (S/N limits, flag masks, label ranges, bad-pixel limit, repeat policy).';
COMMENT ON COLUMN training_set.cut_report IS 'How many candidates each cut removed, in order, and the label ranges of the members.';
COMMENT ON COLUMN training_set.validation_fraction IS 'Fraction of members held out for validation (seeded split).';
COMMENT ON COLUMN training_set.seed IS 'Seed of the held-out split and of cross-validation folds.';
COMMENT ON COLUMN training_set.n_members IS 'Number of members (training plus held out).';

CREATE TABLE training_set_member (
    training_set_id integer NOT NULL REFERENCES training_set (training_set_id) ON DELETE CASCADE,
    obsid           bigint NOT NULL REFERENCES lamost_spectrum (obsid),
    reference_id    text NOT NULL,
    labels          real[] NOT NULL,
    label_errors    real[],
    snrg            real,
    held_out        boolean NOT NULL DEFAULT false,
    PRIMARY KEY (training_set_id, obsid)
);
CREATE INDEX training_set_member_reference_idx ON training_set_member (training_set_id, reference_id);
COMMENT ON TABLE training_set_member IS 'A member of a training set with its reference labels, in the set''s label_names order and physical units (K, dex).';
COMMENT ON COLUMN training_set_member.reference_id IS 'Identifier of the reference star (APOGEE_ID, catalogue id or obsid).';
COMMENT ON COLUMN training_set_member.labels IS 'Reference labels, physical units (Teff in K, others in dex), ordered as training_set.label_names.';
COMMENT ON COLUMN training_set_member.label_errors IS 'Reference label uncertainties, same units and order; NULL when unknown.';
COMMENT ON COLUMN training_set_member.snrg IS 'LAMOST S/N in the g band of the member spectrum.';
COMMENT ON COLUMN training_set_member.held_out IS 'True for members held out for validation (not used in training).';
