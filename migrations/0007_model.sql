-- SLAM models: a registry of versions with their per-pixel hyperparameters, cross-validation metrics,
-- the serialised coefficients in chunks, and promotions (which model is current, per label set).

CREATE TABLE model (
    model_id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label_set         text NOT NULL,
    training_set_id   integer NOT NULL REFERENCES training_set (training_set_id),
    label_names       text[] NOT NULL CHECK (cardinality(label_names) >= 1),
    preprocessing_id  integer NOT NULL REFERENCES preprocessing (preprocessing_id),
    status            text NOT NULL DEFAULT 'training' CHECK (status IN ('training', 'ready', 'failed', 'retired')),
    settings          jsonb NOT NULL,
    code_version      text NOT NULL,
    n_train           integer,
    n_pixels          integer,
    blob_bytes        bigint,
    blob_sha256       text,
    cv_metrics        jsonb,
    timings           jsonb,
    error             text,
    train_job_id      bigint,
    created_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    CHECK (status <> 'ready' OR (blob_bytes IS NOT NULL AND blob_sha256 IS NOT NULL AND finished_at IS NOT NULL))
);
CREATE INDEX model_label_set_idx ON model (label_set, status);
COMMENT ON TABLE model IS 'A trained SLAM model version. training until complete, then ready; a crash leaves failed, never half-written.';
COMMENT ON COLUMN model.label_set IS 'Label set the model publishes (from its training set); current models are chosen per label set.';
COMMENT ON COLUMN model.label_names IS 'Label names in column order.';
COMMENT ON COLUMN model.preprocessing_id IS 'Preprocessing version (and so model wavelength grid) the model expects.';
COMMENT ON COLUMN model.status IS 'training, ready, failed or retired.';
COMMENT ON COLUMN model.settings IS 'Training settings as JSON: hyperparameter grid or fixed values, folds, seed, solver tolerance, fit options.';
COMMENT ON COLUMN model.code_version IS 'Version of the slam code that trained the model.';
COMMENT ON COLUMN model.n_train IS 'Number of training spectra.';
COMMENT ON COLUMN model.n_pixels IS 'Number of model pixels.';
COMMENT ON COLUMN model.blob_bytes IS 'Size of the serialised model, bytes.';
COMMENT ON COLUMN model.blob_sha256 IS 'SHA-256 of the serialised model, lowercase hex; checked on load.';
COMMENT ON COLUMN model.cv_metrics IS 'Cross-validation summary of the whole method as JSON (see model_precision for the table form).';
COMMENT ON COLUMN model.timings IS 'Wall-clock seconds of each training stage, as JSON.';
COMMENT ON COLUMN model.error IS 'Why training failed, when status is failed.';

CREATE TABLE model_blob_chunk (
    model_id  integer NOT NULL REFERENCES model (model_id) ON DELETE CASCADE,
    chunk_no  integer NOT NULL CHECK (chunk_no >= 0),
    bytes     bytea NOT NULL,
    PRIMARY KEY (model_id, chunk_no)
);
COMMENT ON TABLE model_blob_chunk IS 'The serialised model (versioned binary form) in chunks of a few MB, concatenated in chunk_no order.';

CREATE TABLE model_pixel (
    model_id    integer NOT NULL REFERENCES model (model_id) ON DELETE CASCADE,
    pixel       integer NOT NULL CHECK (pixel >= 0),
    wavelength  double precision NOT NULL,
    c           double precision NOT NULL,
    epsilon     double precision NOT NULL,
    gamma       double precision NOT NULL,
    cv_mse      double precision NOT NULL,
    n_support   integer NOT NULL,
    PRIMARY KEY (model_id, pixel)
);
COMMENT ON TABLE model_pixel IS 'Per-pixel SVR hyperparameters and cross-validated error of a model.';
COMMENT ON COLUMN model_pixel.wavelength IS 'Pixel wavelength, Angstrom (rest frame, vacuum).';
COMMENT ON COLUMN model_pixel.c IS 'SVR penalty C (standardised units).';
COMMENT ON COLUMN model_pixel.epsilon IS 'SVR tube half-width epsilon, standardised flux units.';
COMMENT ON COLUMN model_pixel.gamma IS 'RBF kernel gamma, 1 / (standardised label units)^2.';
COMMENT ON COLUMN model_pixel.cv_mse IS 'Cross-validated mean squared error of the pixel, standardised flux units squared.';
COMMENT ON COLUMN model_pixel.n_support IS 'Number of support vectors.';

CREATE TABLE model_precision (
    model_id        integer NOT NULL REFERENCES model (model_id) ON DELETE CASCADE,
    label           text NOT NULL,
    scope           text NOT NULL CHECK (scope IN ('bin', 'all')),
    snr_min         real NOT NULL,
    snr_max         real NOT NULL,
    n               integer NOT NULL CHECK (n >= 0),
    bias            double precision,
    scatter         double precision,
    robust_scatter  double precision,
    error_calibration double precision,
    PRIMARY KEY (model_id, label, scope, snr_min)
);
COMMENT ON TABLE model_precision IS 'Cross-validated precision of a model per label and S/N_g bin: SLAM minus reference labels.';
COMMENT ON COLUMN model_precision.label IS 'Label name.';
COMMENT ON COLUMN model_precision.scope IS 'bin: one S/N_g bin; all: every cross-validated spectrum (snr_min, snr_max span all bins).';
COMMENT ON COLUMN model_precision.snr_min IS 'Lower edge of the S/N_g bin (inclusive).';
COMMENT ON COLUMN model_precision.snr_max IS 'Upper edge of the S/N_g bin (exclusive); Infinity for the last bin.';
COMMENT ON COLUMN model_precision.n IS 'Number of cross-validated spectra in the bin.';
COMMENT ON COLUMN model_precision.bias IS 'Mean of SLAM - reference, label units (K or dex).';
COMMENT ON COLUMN model_precision.scatter IS 'Standard deviation of SLAM - reference, label units.';
COMMENT ON COLUMN model_precision.robust_scatter IS '1.4826 x median absolute deviation of SLAM - reference, label units.';
COMMENT ON COLUMN model_precision.error_calibration IS 'Standard deviation of (SLAM - reference) / formal error; 1 for well-calibrated errors.';

CREATE TABLE model_promotion (
    promotion_id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label_set         text NOT NULL,
    model_id          integer NOT NULL REFERENCES model (model_id),
    previous_model_id integer REFERENCES model (model_id),
    decided_by        text NOT NULL CHECK (decided_by IN ('user', 'rule')),
    reasons           jsonb NOT NULL DEFAULT '{}',
    promoted_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_promotion_label_set_idx ON model_promotion (label_set, promotion_id DESC);
COMMENT ON TABLE model_promotion IS 'Promotion decisions: the latest row per label set names its current model.';
COMMENT ON COLUMN model_promotion.decided_by IS 'user (explicit promotion) or rule (automatic after retraining).';
COMMENT ON COLUMN model_promotion.reasons IS 'Why: the rule, and the CV scatter of both models per label.';
