-- A note per error-calibration row (issue 16): how the floor was estimated when a reference label's own
-- error is unknown (a catalogue without an error column, or -9999 / NaN errors stored as NULL).
ALTER TABLE model_error_inflation ADD COLUMN note text;
COMMENT ON COLUMN model_error_inflation.note IS 'How error_floor was estimated when not as designed, else NULL: e.g. the reference error was unknown for some cross-validation stars (NULL element of training_set_member.label_errors) and taken as 0, so the floor (label units) also holds the reference labels'' own error.';
