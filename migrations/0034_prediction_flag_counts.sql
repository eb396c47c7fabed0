-- Survey scale (issue 18): counts by label set and flag bit in time independent of the survey's size.
-- label_flag_counts (migration 0031) counted each current model's predictions once per distinct flags
-- value from an index on (model_id, flags): 63 ms at a million spectra and growing with them (about
-- 1.4 s at DR10). The counts are now kept as the predictions are written: every statement that adds,
-- removes or re-flags predictions appends (model, flags, +/- n) rows to prediction_flag_delta, and the view
-- sums them. Appending, never updating one counter row, keeps concurrent prediction batches of one model
-- from queueing behind each other's locks; the model's calibration (which follows its predictions) folds
-- its rows into one per flags value, so the view reads a handful of rows per model.

CREATE TABLE prediction_flag_delta (
    model_id  integer NOT NULL,
    flags     integer NOT NULL,
    n         bigint  NOT NULL
);
COMMENT ON TABLE prediction_flag_delta IS 'Changes of the number of predictions per model and flags value, appended by triggers on prediction (insert: +n, delete: -n, a changed flags value or model: -1 and +1); their sum per (model_id, flags) is the number of predictions. Compacted per model by its calibration. No foreign key: the rows of a deleted model are harmless (they sum to zero, and the views read current models only).';
COMMENT ON COLUMN prediction_flag_delta.model_id IS 'The model of the predictions (model.model_id).';
COMMENT ON COLUMN prediction_flag_delta.flags IS 'The predictions'' flags value (prediction.flags, bits in flag_bits).';
COMMENT ON COLUMN prediction_flag_delta.n IS 'Predictions added (positive) or removed (negative) with this model and flags value.';
CREATE INDEX prediction_flag_delta_model_idx ON prediction_flag_delta (model_id);

-- One function for both statement triggers: each names its transition table changed_predictions.
CREATE FUNCTION prediction_flag_delta_counted() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO prediction_flag_delta (model_id, flags, n)
    SELECT model_id, flags, CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
    FROM changed_predictions GROUP BY model_id, flags;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION prediction_flag_delta_counted() IS 'Appends the counts of a statement''s inserted (+) or deleted (-) predictions per model and flags value to prediction_flag_delta.';
CREATE TRIGGER prediction_flag_delta_inserted AFTER INSERT ON prediction
    REFERENCING NEW TABLE AS changed_predictions FOR EACH STATEMENT EXECUTE FUNCTION prediction_flag_delta_counted();
CREATE TRIGGER prediction_flag_delta_deleted AFTER DELETE ON prediction
    REFERENCING OLD TABLE AS changed_predictions FOR EACH STATEMENT EXECUTE FUNCTION prediction_flag_delta_counted();

-- Row level with a condition: the calibration's UPDATE of every prediction's errors fires nothing here.
CREATE FUNCTION prediction_flag_delta_updated() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO prediction_flag_delta (model_id, flags, n) VALUES (OLD.model_id, OLD.flags, -1), (NEW.model_id, NEW.flags, 1);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION prediction_flag_delta_updated() IS 'Moves one prediction between (model, flags) counts in prediction_flag_delta when its flags or model change.';
CREATE TRIGGER prediction_flag_delta_updated AFTER UPDATE ON prediction FOR EACH ROW
    WHEN (OLD.flags IS DISTINCT FROM NEW.flags OR OLD.model_id IS DISTINCT FROM NEW.model_id)
    EXECUTE FUNCTION prediction_flag_delta_updated();

CREATE FUNCTION prediction_flag_delta_truncated() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM prediction_flag_delta;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION prediction_flag_delta_truncated() IS 'Empties prediction_flag_delta when prediction is truncated.';
CREATE TRIGGER prediction_flag_delta_truncated AFTER TRUNCATE ON prediction
    FOR EACH STATEMENT EXECUTE FUNCTION prediction_flag_delta_truncated();

-- The predictions stored so far.
INSERT INTO prediction_flag_delta (model_id, flags, n)
SELECT model_id, flags, count(*) FROM prediction GROUP BY model_id, flags;

CREATE OR REPLACE VIEW label_flag_counts AS
SELECT c.label_set, c.model_id, f.bit, f.name, sum(c.n)::bigint AS n_spectra
FROM (SELECT mc.label_set, mc.model_id, d.flags, sum(d.n) AS n
      FROM model_current mc JOIN prediction_flag_delta d ON d.model_id = mc.model_id
      GROUP BY mc.label_set, mc.model_id, d.flags
      HAVING sum(d.n) <> 0) c
JOIN flag_bits f ON c.flags & (1 << f.bit) <> 0
GROUP BY c.label_set, c.model_id, f.bit, f.name;
COMMENT ON VIEW label_flag_counts IS 'Spectra of the current model of each label set that carry each flag bit (one row per label set and raised bit; flag_bits names the bits). Sums prediction_flag_delta, kept by triggers as predictions are written: its time does not grow with the survey.';

-- Predict jobs append through the trigger; the calibrate job compacts its model's rows.
GRANT INSERT, DELETE ON prediction_flag_delta TO slam_worker;
