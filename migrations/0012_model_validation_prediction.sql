-- Cross-validation predictions of a model's training members (each predicted by the model trained
-- without its fold) and the predictions of its held-out members, so that precision tables and
-- one-to-one plots can be recomputed from the database.
CREATE TABLE model_validation_prediction (
    model_id       integer NOT NULL REFERENCES model (model_id) ON DELETE CASCADE,
    obsid          bigint NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('cross_validation', 'held_out')),
    fold           integer CHECK (fold >= 0),
    labels         real[] NOT NULL,
    formal_errors  real[] NOT NULL,
    reference      real[] NOT NULL,
    snrg           real,
    PRIMARY KEY (model_id, obsid)
);
COMMENT ON TABLE model_validation_prediction IS 'Validation predictions of a model: K-fold cross-validation of the training members (fold = the held-out fold) and predictions of the training set''s held-out members (fold NULL).';
COMMENT ON COLUMN model_validation_prediction.obsid IS 'LAMOST obsid of the member spectrum.';
COMMENT ON COLUMN model_validation_prediction.kind IS 'cross_validation (predicted by the model of the other folds) or held_out (predicted by the final model, never trained on).';
COMMENT ON COLUMN model_validation_prediction.fold IS 'The fold the member was held out in, from 0; NULL for held-out members.';
COMMENT ON COLUMN model_validation_prediction.labels IS 'Predicted labels in model.label_names order, physical units (K, dex); NaN where the fit failed.';
COMMENT ON COLUMN model_validation_prediction.formal_errors IS 'Formal 1-sigma errors of the prediction, label units.';
COMMENT ON COLUMN model_validation_prediction.reference IS 'Reference labels of the member (training_set_member.labels), label units.';
COMMENT ON COLUMN model_validation_prediction.snrg IS 'LAMOST S/N_g of the member spectrum.';
