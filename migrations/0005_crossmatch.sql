-- Positional crossmatch of LAMOST observations with APOGEE stars. Each run is a new, versioned row set.

CREATE TABLE crossmatch_run (
    run_id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    radius_arcsec    double precision NOT NULL CHECK (radius_arcsec > 0 AND radius_arcsec <= 60),
    apogee_release   text NOT NULL,
    ambiguity_arcsec double precision NOT NULL CHECK (ambiguity_arcsec >= 0),
    parameters       jsonb NOT NULL DEFAULT '{}',
    status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'complete', 'failed')),
    n_lamost         bigint,
    n_matched        bigint,
    n_ambiguous      bigint,
    job_id           bigint,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    CHECK (status <> 'complete' OR (finished_at IS NOT NULL AND n_matched IS NOT NULL))
);
COMMENT ON TABLE crossmatch_run IS 'One crossmatch of all LAMOST spectra with the APOGEE stars of one release; a later run never rewrites an earlier one.';
COMMENT ON COLUMN crossmatch_run.radius_arcsec IS 'Match radius, arcsec.';
COMMENT ON COLUMN crossmatch_run.apogee_release IS 'APOGEE release matched against (apogee_star.release).';
COMMENT ON COLUMN crossmatch_run.ambiguity_arcsec IS 'A match is ambiguous when the second-nearest candidate lies within this distance of the nearest one''s separation, arcsec.';
COMMENT ON COLUMN crossmatch_run.parameters IS 'All parameters of the run as JSON.';
COMMENT ON COLUMN crossmatch_run.status IS 'running, complete or failed; only complete runs are used for training sets.';
COMMENT ON COLUMN crossmatch_run.n_lamost IS 'LAMOST spectra considered.';
COMMENT ON COLUMN crossmatch_run.n_matched IS 'LAMOST spectra with at least one APOGEE star inside the radius.';
COMMENT ON COLUMN crossmatch_run.n_ambiguous IS 'Matches flagged ambiguous.';

CREATE TABLE crossmatch_pair (
    run_id                   integer NOT NULL REFERENCES crossmatch_run (run_id) ON DELETE CASCADE,
    obsid                    bigint NOT NULL REFERENCES lamost_spectrum (obsid) ON DELETE CASCADE,
    apogee_id                text NOT NULL,
    apogee_release           text NOT NULL,
    separation_arcsec        double precision NOT NULL CHECK (separation_arcsec >= 0),
    n_candidates             integer NOT NULL CHECK (n_candidates >= 1),
    second_separation_arcsec double precision,
    ambiguous                boolean NOT NULL,
    PRIMARY KEY (run_id, obsid),
    FOREIGN KEY (apogee_id, apogee_release) REFERENCES apogee_star (apogee_id, release) ON DELETE CASCADE
);
CREATE INDEX crossmatch_pair_apogee_idx ON crossmatch_pair (run_id, apogee_id);
COMMENT ON TABLE crossmatch_pair IS 'The nearest APOGEE counterpart of a LAMOST spectrum within the run''s radius.';
COMMENT ON COLUMN crossmatch_pair.separation_arcsec IS 'Angular separation of the nearest counterpart, arcsec.';
COMMENT ON COLUMN crossmatch_pair.n_candidates IS 'Number of APOGEE stars within the radius.';
COMMENT ON COLUMN crossmatch_pair.second_separation_arcsec IS 'Separation of the second-nearest candidate within the radius, arcsec; NULL when there is none.';
COMMENT ON COLUMN crossmatch_pair.ambiguous IS 'True when the second candidate is close to the first (see crossmatch_run.ambiguity_arcsec).';
