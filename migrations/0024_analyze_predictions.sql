-- Planner statistics for the error calibration (Sources/Catalogue/Calibration/ErrorInflationQueries.swift).
-- A calibrate job analyses prediction and lamost_spectrum right after the model's predictions were written,
-- before autovacuum has looked at them (without statistics the repeat-pair query joins the predictions with
-- themselves first: minutes instead of milliseconds). ANALYZE needs the table's owner, and PostgreSQL skips
-- a table it may not analyse with only a WARNING, so a worker logged in as a role granted slam_worker
-- (migration 0011, docs/roles.md) silently calibrated without statistics. This function runs the two
-- ANALYZEs as its owner, the role that ran the migrations and owns the tables.

CREATE FUNCTION slam_analyze_predictions() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    ANALYZE prediction;
    ANALYZE lamost_spectrum;
END
$$;

COMMENT ON FUNCTION slam_analyze_predictions() IS
    'Refreshes the planner statistics of prediction and lamost_spectrum as the tables'' owner (SECURITY DEFINER), so a worker role can run it before calibrating';

REVOKE ALL ON FUNCTION slam_analyze_predictions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION slam_analyze_predictions() TO slam_worker, slam_operator, slam_owner;  -- operators: `--work` runs jobs in the CLI
