-- Planner statistics of the model registry, which every published label query joins (labels_current reads
-- the current model of each label set through model_current: model and model_promotion; slam.models adds
-- training_set). These tables hold a handful of rows, too few for autovacuum ever to analyse them under its
-- default thresholds (50 rows changed), so the planner guessed their sizes (220 models by default) and, in
-- a dense field, drove a 1-degree ADQL cone search from every prediction instead of the q3c index:
-- 160 ms instead of 28 ms at 100,000 spectra (slam-bench tap), and growing with the survey.
-- From now on: analysed once here, after every promotion (the event that changes what slam.labels shows,
-- by a statement trigger, as the tables' owner), and by autovacuum after any change.

CREATE FUNCTION slam_analyze_registry() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    ANALYZE model;
    ANALYZE model_promotion;
    ANALYZE training_set;
END
$$;
COMMENT ON FUNCTION slam_analyze_registry() IS
    'Refreshes the planner statistics of model, model_promotion and training_set as their owner (SECURITY DEFINER): run after each promotion by a trigger, so workers and operators need no ANALYZE right';
REVOKE ALL ON FUNCTION slam_analyze_registry() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION slam_analyze_registry() TO slam_worker, slam_operator, slam_owner;

CREATE FUNCTION slam_model_promotion_analyze() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM slam_analyze_registry();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION slam_model_promotion_analyze() IS
    'Statement trigger of model_promotion: refreshes the registry''s planner statistics (slam_analyze_registry) after promotions';
REVOKE ALL ON FUNCTION slam_model_promotion_analyze() FROM PUBLIC;

CREATE TRIGGER model_promotion_analyze AFTER INSERT ON model_promotion
    FOR EACH STATEMENT EXECUTE FUNCTION slam_model_promotion_analyze();

-- Any change is enough for autovacuum to analyse them (models becoming ready or failed, new training sets).
ALTER TABLE model SET (autovacuum_analyze_threshold = 1, autovacuum_analyze_scale_factor = 0);
ALTER TABLE model_promotion SET (autovacuum_analyze_threshold = 1, autovacuum_analyze_scale_factor = 0);
ALTER TABLE training_set SET (autovacuum_analyze_threshold = 1, autovacuum_analyze_scale_factor = 0);

SELECT slam_analyze_registry();
