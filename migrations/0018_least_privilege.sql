-- Least privilege (issue 16, items 10 and 11; docs/roles.md has the table this migration implements).
--
-- * slam_owner owns every table, view, sequence and function of schema public (not extension members), so a
--   login role granted slam_owner can run later migrations; the migration runner hands objects created by
--   later migrations to slam_owner the same way (slam_claim_ownership).
-- * slam_operator (new): promotes and retires models, manages schedules, enqueues and retries any job; it
--   is also a member of slam_worker (an operator's CLI may run worker slots with --work).
-- * slam_worker keeps exactly what its jobs write: rows of the tables each handler fills, the job row
--   updates of the queue (no kind/payload changes), the schedule's fire bookkeeping, model rows while they
--   train. Rule-based promotion after a retrain job goes through model_promote_by_rule (SECURITY DEFINER).
--   It may enqueue only the kinds the pipeline's handlers enqueue (predict, calibrate) and the due fire of
--   a schedule exactly as an operator stored it (row-level security on job), so a compromised worker
--   cannot enqueue ingest_lamost of arbitrary paths.
-- * slam_reader: SELECT on every table and view (unchanged).
-- Roles are cluster-wide: created and granted only when missing, tolerating a concurrent migration of
-- another database (duplicate_object / unique_violation), as in 0011.

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'slam_operator') THEN
        BEGIN
            CREATE ROLE slam_operator NOLOGIN;
            COMMENT ON ROLE slam_operator IS 'SLAM operators: promote and retire models, manage schedules, enqueue and retry any job; member of slam_worker (docs/roles.md).';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            RAISE NOTICE 'role slam_operator was created concurrently';
        END;
    END IF;
    IF NOT pg_has_role('slam_operator', 'slam_worker', 'MEMBER') THEN
        BEGIN
            GRANT slam_worker TO slam_operator;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            RAISE NOTICE 'slam_worker was granted to slam_operator concurrently';
        END;
    END IF;
END
$roles$;

-- Ownership ------------------------------------------------------------------------------------------

CREATE FUNCTION slam_claim_ownership(p_owner name) RETURNS integer
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
    target oid := (SELECT oid FROM pg_roles WHERE rolname = p_owner);
    object record;
    n integer := 0;
BEGIN
    IF target IS NULL THEN
        RAISE EXCEPTION 'role % does not exist', p_owner USING ERRCODE = '42704';
    END IF;
    FOR object IN
        SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                              WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
               c.oid::regclass::text AS identity
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND c.relowner <> target AND pg_has_role(current_user, c.relowner, 'USAGE')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype IN ('e', 'a', 'i'))   -- extension members; sequences owned by a column
        UNION ALL
        SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
               p.oid::regprocedure::text
        FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> target
          AND pg_has_role(current_user, p.proowner, 'USAGE')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.identity, p_owner);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;
COMMENT ON FUNCTION slam_claim_ownership(name) IS
    'Makes p_owner own every table, view, sequence and function of schema public that the caller may give away (not extension members); returns how many changed. Called by 0018 and by the migration runner after each migration.';

SELECT slam_claim_ownership('slam_owner');
ALTER TABLE IF EXISTS schema_migrations OWNER TO slam_owner;

-- Table privileges -----------------------------------------------------------------------------------
-- Start from nothing for workers, then grant what the handlers write (grep of Sources/Pipeline, Queue).

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM slam_worker, slam_reader, slam_operator;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO slam_reader, slam_worker, slam_operator;

GRANT INSERT, UPDATE, DELETE ON lamost_spectrum, spectrum_preprocessed TO slam_worker;         -- ingest_lamost
GRANT INSERT ON preprocessing TO slam_worker;                                                  -- ingest_lamost
GRANT INSERT, UPDATE ON apogee_star, lamost_catalogue TO slam_worker;                          -- ingest_apogee, ingest_catalogue
GRANT INSERT, UPDATE ON label_catalogue TO slam_worker;                                        -- load_labels_*
GRANT INSERT ON label_catalogue_row, label_catalogue_load TO slam_worker;                      -- load_labels_*
GRANT INSERT, UPDATE ON crossmatch_run TO slam_worker;                                         -- crossmatch
GRANT INSERT ON crossmatch_pair TO slam_worker;                                                -- crossmatch
GRANT INSERT, UPDATE ON training_set TO slam_worker;                                           -- retrain
GRANT INSERT ON training_set_member TO slam_worker;                                            -- retrain
GRANT INSERT, UPDATE ON model TO slam_worker;                                                  -- train (row-level security below)
GRANT INSERT ON model_blob_chunk, model_pixel, model_precision, model_validation_prediction TO slam_worker;  -- train
GRANT INSERT, UPDATE ON prediction TO slam_worker;                                             -- predict, calibrate
GRANT INSERT ON prediction_settings, prediction_spectrum, posterior TO slam_worker;            -- predict, posterior
GRANT INSERT, DELETE ON model_error_inflation TO slam_worker;                                  -- calibrate
GRANT INSERT, DELETE ON rejection TO slam_worker;                                              -- every stage (a rerun replaces its rejections)
GRANT INSERT ON job TO slam_worker;                                                             -- row-level security below
GRANT UPDATE (state, attempt, run_after, lease_owner, lease_expires_at, last_error, errors, progress,
              updated_at, attempted_at, finished_at) ON job TO slam_worker;                    -- claim, heartbeat, complete, fail, rescue
GRANT UPDATE (last_fire_at, next_fire_at, enabled, last_job_id, updated_at) ON schedule TO slam_worker;  -- scheduler fires

GRANT UPDATE ON job TO slam_operator;                                                          -- cancel, retry
GRANT INSERT, UPDATE, DELETE ON schedule TO slam_operator;                                     -- slam schedule add/remove
GRANT INSERT ON model_promotion TO slam_operator;                                              -- slam model promote

GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO slam_owner;

-- Tables created later get SELECT for the three roles and nothing else: a migration grants writes explicitly.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE INSERT, UPDATE, DELETE ON TABLES FROM slam_worker;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO slam_reader, slam_worker, slam_operator;
ALTER DEFAULT PRIVILEGES FOR ROLE slam_owner IN SCHEMA public GRANT SELECT ON TABLES TO slam_reader, slam_worker, slam_operator;
ALTER DEFAULT PRIVILEGES FOR ROLE slam_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO slam_worker;

-- Jobs: which rows each role may insert and change -------------------------------------------------------

CREATE FUNCTION job_is_due_schedule_fire(p_kind text, p_payload jsonb, p_priority integer, p_max_attempts integer,
                                         p_unique_key text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
    SELECT EXISTS (
        SELECT 1 FROM schedule s
        WHERE s.enabled AND s.next_fire_at <= now()
          AND s.kind = p_kind AND s.payload = p_payload AND s.priority = p_priority AND s.max_attempts = p_max_attempts
          AND p_unique_key = 'schedule:' || s.name || ':' || to_char(s.next_fire_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'))
$$;
COMMENT ON FUNCTION job_is_due_schedule_fire(text, jsonb, integer, integer, text) IS
    'True when a job with these kind, payload, priority, max_attempts and unique key is the due fire of an enabled schedule, exactly as stored (the only jobs of other kinds than predict and calibrate a worker may insert).';

ALTER TABLE job ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_read ON job FOR SELECT TO slam_reader, slam_worker, slam_operator USING (true);
CREATE POLICY job_worker_enqueue ON job FOR INSERT TO slam_worker
    WITH CHECK (kind IN ('predict', 'calibrate')
                OR job_is_due_schedule_fire(kind, payload, priority, max_attempts, unique_key));
CREATE POLICY job_worker_update ON job FOR UPDATE TO slam_worker
    USING (state IN ('available', 'running')) WITH CHECK (true);
CREATE POLICY job_operator ON job FOR ALL TO slam_operator USING (true) WITH CHECK (true);
COMMENT ON POLICY job_worker_enqueue ON job IS 'Workers enqueue predict and calibrate jobs (after a retrain, after predictions) and the due fires of schedules; nothing else.';
COMMENT ON POLICY job_worker_update ON job IS 'Workers change only waiting or running jobs (claim, heartbeat, complete, fail, rescue); reviving a finished job is an operator''s.';

-- Models: workers write a model while it trains; promotion and retirement are an operator's ----------------

ALTER TABLE model ENABLE ROW LEVEL SECURITY;
CREATE POLICY model_read ON model FOR SELECT TO slam_reader, slam_worker, slam_operator USING (true);
CREATE POLICY model_worker_insert ON model FOR INSERT TO slam_worker WITH CHECK (status = 'training');
CREATE POLICY model_worker_update ON model FOR UPDATE TO slam_worker
    USING (status = 'training') WITH CHECK (status IN ('training', 'ready', 'failed'));
CREATE POLICY model_operator_update ON model FOR UPDATE TO slam_operator USING (true) WITH CHECK (true);
COMMENT ON POLICY model_worker_update ON model IS 'Workers finish models that are training (ready or failed); they cannot retire or change a finished model.';

-- The promotion rule after a retraining (one definition, used by ModelRegistry.promoteIfNoWorse and by
-- model_promote_by_rule): promote when the model is ready and its cross-validated scatter is no worse
-- than p_tolerance times the current model's on every label, or when its label set has no current model;
-- never over a current model with other labels.
CREATE FUNCTION model_promotion_rule(p_model_id integer, p_tolerance double precision) RETURNS jsonb
LANGUAGE plpgsql STABLE SET search_path = public, pg_catalog AS $$
DECLARE
    candidate record;
    current_id integer;
    current_labels text[];
    reasons jsonb;
    worse text[] := '{}';
    pair record;
BEGIN
    SELECT label_set, label_names INTO candidate FROM model WHERE model_id = p_model_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown model %', p_model_id USING ERRCODE = 'P0002';
    END IF;
    IF p_tolerance IS NULL OR p_tolerance < 0 OR p_tolerance = 'Infinity'::float8 OR p_tolerance = 'NaN'::float8 THEN
        RAISE EXCEPTION 'promotion tolerance % must be finite and >= 0', p_tolerance USING ERRCODE = '22023';
    END IF;
    SELECT mc.model_id, m.label_names INTO current_id, current_labels
    FROM model_current mc JOIN model m USING (model_id) WHERE mc.label_set = candidate.label_set;
    IF current_id IS NULL THEN
        RETURN jsonb_build_object('promoted', true, 'reasons',
                                  jsonb_build_object('rule', format('no current model for %s', candidate.label_set)));
    END IF;
    IF current_labels IS DISTINCT FROM candidate.label_names THEN
        RETURN jsonb_build_object('promoted', false, 'reasons', jsonb_build_object(
            'rule', format('same labels as the current model %s of %s', current_id, candidate.label_set),
            'decision', format('kept model %s: labels %s differ from %s', current_id,
                               array_to_string(candidate.label_names, ','), array_to_string(current_labels, ','))));
    END IF;
    reasons := jsonb_build_object('rule', format('CV scatter no worse than %s x the current model %s of %s on every label',
                                                 p_tolerance, current_id, candidate.label_set));
    FOR pair IN
        SELECT n.label, COALESCE(n.scatter, 'Infinity') AS new, COALESCE(c.scatter, 'Infinity') AS old
        FROM model_precision n
        JOIN model_precision c ON c.model_id = current_id AND c.label = n.label AND c.scope = 'all'
        WHERE n.model_id = p_model_id AND n.scope = 'all'
        ORDER BY n.label
    LOOP
        reasons := reasons || jsonb_build_object(pair.label, format('%s vs %s', round(pair.new::numeric, 4), round(pair.old::numeric, 4)));
        IF pair.new > p_tolerance * pair.old THEN
            worse := worse || pair.label;
        END IF;
    END LOOP;
    IF cardinality(worse) > 0 THEN
        RETURN jsonb_build_object('promoted', false, 'reasons',
                                  reasons || jsonb_build_object('decision', format('kept model %s: worse on %s', current_id, array_to_string(worse, ', '))));
    END IF;
    RETURN jsonb_build_object('promoted', true, 'reasons', reasons || jsonb_build_object('decision', 'promoted'));
END
$$;
COMMENT ON FUNCTION model_promotion_rule(integer, double precision) IS
    'The promotion rule after retraining, decided and not applied: {"promoted": bool, "reasons": {rule, decision, label: "new vs current" CV scatter (label units)}}; p_tolerance is a factor (1: no worse).';

-- Rule-based promotion for workers: only the model a running retrain job trained, with the tolerance its
-- operator-written payload gives (promotionTolerance, default 1). Runs as slam_owner.
CREATE FUNCTION model_promote_by_rule(p_model_id integer) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
    trained_by record;
    tolerance double precision;
    decision jsonb;
    previous integer;
BEGIN
    SELECT m.label_set, m.status, j.kind, j.state, j.payload INTO trained_by
    FROM model m LEFT JOIN job j ON j.id = m.train_job_id
    WHERE m.model_id = p_model_id
    FOR UPDATE OF m;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown model %', p_model_id USING ERRCODE = 'P0002';
    END IF;
    IF trained_by.kind IS DISTINCT FROM 'retrain' OR trained_by.state IS DISTINCT FROM 'running' THEN
        RAISE EXCEPTION 'model % was not trained by a running retrain job: only an operator may promote it', p_model_id
            USING ERRCODE = '42501';
    END IF;
    IF trained_by.status <> 'ready' THEN
        RAISE EXCEPTION 'model % is %, not ready: it cannot be promoted', p_model_id, trained_by.status USING ERRCODE = '55000';
    END IF;
    tolerance := COALESCE((trained_by.payload->>'promotionTolerance')::float8, 1);
    PERFORM pg_advisory_xact_lock(hashtext('promote:' || trained_by.label_set));
    decision := model_promotion_rule(p_model_id, tolerance);
    IF (decision->>'promoted')::boolean THEN
        SELECT model_id INTO previous FROM model_current WHERE label_set = trained_by.label_set;
        INSERT INTO model_promotion (label_set, model_id, previous_model_id, decided_by, reasons)
        VALUES (trained_by.label_set, p_model_id, previous, 'rule', decision->'reasons');
    END IF;
    RETURN decision;
END
$$;
COMMENT ON FUNCTION model_promote_by_rule(integer) IS
    'Applies model_promotion_rule to model p_model_id, trained by a running retrain job, with that job''s promotionTolerance (default 1); records a rule promotion when it passes. SECURITY DEFINER: the only way a worker promotes.';

SELECT slam_claim_ownership('slam_owner');   -- the functions above

REVOKE EXECUTE ON FUNCTION model_promote_by_rule(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION model_promote_by_rule(integer) TO slam_worker;
REVOKE EXECUTE ON FUNCTION slam_claim_ownership(name) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION slam_claim_ownership(name) TO slam_owner;
