-- Survey scale (issue 18): prediction is partitioned by model version (LIST on model_id, one partition
-- per model, named prediction_m<model_id>).
--
-- Each model version adds 0.6 kB per spectrum (13 GB at DR10) and a scheduled retraining adds versions
-- for as long as the survey runs, while users read only the current ones. As one table, every version's
-- rows shared its heap and indexes: removing a superseded version meant a DELETE of millions of rows
-- (WAL for each, dead rows until vacuum, a file that never shrinks), the calibration's rewrite of one
-- model's rows bloated the table that every version shares, and the planner's statistics of the whole
-- table moved while a new version's prediction run wrote beside the current one. As partitions, a
-- version's rows are one table: `slam model purge` drops a retired version's predictions as a file, each
-- version is vacuumed and analysed on its own, and a query for one model reads that model's indexes.
--
-- A partition is made for each model as its row is inserted (trigger prediction_partition_made on model,
-- SECURITY DEFINER so that the worker that starts a training needs no DDL privilege). It is created as a
-- plain table and then attached, which locks prediction in SHARE UPDATE EXCLUSIVE mode (readers and
-- writers of predictions go on; CREATE TABLE ... PARTITION OF would take ACCESS EXCLUSIVE).
--
-- The existing rows move into the new table here. The views that read prediction (labels_current,
-- labels_history, labels_errors, labels_current_long and the TAP service's slam.labels and
-- slam.labels_history) are dropped and recreated from their stored definitions with their owners,
-- options, privileges and comments, so that they stay exactly what the migrations before this one made.

-- 1. Remember and drop the views that depend on prediction, directly or through each other ------------

CREATE TEMP TABLE dependent_view ON COMMIT DROP AS
WITH RECURSIVE dep(view_oid, depth) AS (
    SELECT DISTINCT r.ev_class, 1
    FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
    WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = 'public.prediction'::regclass
      AND r.ev_class <> 'public.prediction'::regclass
    UNION
    SELECT DISTINCT r.ev_class, dep.depth + 1
    FROM dep JOIN pg_depend d ON d.refobjid = dep.view_oid AND d.classid = 'pg_rewrite'::regclass
    JOIN pg_rewrite r ON r.oid = d.objid
    WHERE r.ev_class <> dep.view_oid
)
SELECT c.oid AS view_oid, max(dep.depth) AS depth, n.nspname AS schema_name, c.relname AS view_name,
       pg_get_viewdef(c.oid) AS definition, c.reloptions, c.relowner::regrole::text AS owner, c.relacl,
       obj_description(c.oid, 'pg_class') AS description
FROM dep JOIN pg_class c ON c.oid = dep.view_oid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'v'
GROUP BY c.oid, n.nspname, c.relname, c.reloptions, c.relowner, c.relacl;

CREATE TEMP TABLE dependent_view_column ON COMMIT DROP AS
SELECT v.view_oid, a.attname AS column_name, col_description(v.view_oid, a.attnum) AS description
FROM dependent_view v JOIN pg_attribute a ON a.attrelid = v.view_oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE col_description(v.view_oid, a.attnum) IS NOT NULL;

DO $drop$
DECLARE
    v record;
BEGIN
    FOR v IN SELECT * FROM dependent_view ORDER BY depth DESC, view_name LOOP
        EXECUTE format('DROP VIEW %I.%I', v.schema_name, v.view_name);
    END LOOP;
END
$drop$;

ALTER TABLE prediction_spectrum DROP CONSTRAINT prediction_spectrum_model_id_obsid_fkey;

-- 2. The partitioned table, one partition per model, the rows moved ------------------------------------

ALTER TABLE prediction RENAME TO prediction_unpartitioned;

CREATE TABLE prediction (LIKE prediction_unpartitioned
    INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING COMMENTS)
    PARTITION BY LIST (model_id);
COMMENT ON TABLE prediction IS 'Labels of one spectrum from one model version, with errors, fit quality and flags. Partitioned by model_id: one partition prediction_m<model_id> per model, made when the model row is inserted (trigger prediction_partition_made on model) and dropped by slam model purge.';

CREATE FUNCTION slam_prediction_partition(p_model_id integer) RETURNS regclass
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    partition_name text := 'prediction_m' || p_model_id;
BEGIN
    IF to_regclass(partition_name) IS NULL THEN
        -- Created apart, then attached: ATTACH locks prediction in SHARE UPDATE EXCLUSIVE mode only.
        EXECUTE format('CREATE TABLE %I (LIKE prediction INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)',
                       partition_name);
        EXECUTE format('ALTER TABLE prediction ATTACH PARTITION %I FOR VALUES IN (%s)', partition_name, p_model_id);
        EXECUTE format('COMMENT ON TABLE %I IS %L', partition_name,
                       format('Predictions of model %s (partition of prediction).', p_model_id));
    END IF;
    RETURN partition_name::regclass;
END
$$;
COMMENT ON FUNCTION slam_prediction_partition(integer) IS
    'Makes (when missing) and returns the partition prediction_m<p_model_id> of prediction, as its owner (SECURITY DEFINER).';
REVOKE ALL ON FUNCTION slam_prediction_partition(integer) FROM PUBLIC;

SELECT slam_prediction_partition(model_id) FROM model ORDER BY model_id;

INSERT INTO prediction SELECT * FROM prediction_unpartitioned;

-- The owner and privileges of the old table (0018: slam_owner owns it, readers and operators read, workers
-- insert and update their rows). The owner is set here: slam_claim_ownership passes over a partitioned
-- table (its partition key is an internal dependency on itself).
DO $grants$
DECLARE
    g record;
BEGIN
    EXECUTE format('ALTER TABLE prediction OWNER TO %I',
                   (SELECT relowner::regrole::text FROM pg_class WHERE oid = 'prediction_unpartitioned'::regclass));
    FOR g IN SELECT a.privilege_type, CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END AS grantee
             FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
             WHERE c.oid = 'prediction_unpartitioned'::regclass AND a.grantee <> c.relowner LOOP
        EXECUTE format('GRANT %s ON prediction TO %s', g.privilege_type, g.grantee);
    END LOOP;
END
$grants$;

DROP TABLE prediction_unpartitioned;

-- Indexes and keys of the parent (each partition gets its own; the named-label indexes then hold one
-- model's rows each).
ALTER TABLE prediction ADD PRIMARY KEY (model_id, obsid);
CREATE INDEX prediction_obsid_idx ON prediction (obsid);
CREATE INDEX prediction_teff_idx ON prediction (teff) WHERE teff IS NOT NULL;
CREATE INDEX prediction_logg_idx ON prediction (logg) WHERE logg IS NOT NULL;
CREATE INDEX prediction_m_h_idx ON prediction (m_h) WHERE m_h IS NOT NULL;
CREATE INDEX prediction_feh_idx ON prediction (feh) WHERE feh IS NOT NULL;
CREATE INDEX prediction_model_flags_idx ON prediction (model_id, flags);
ALTER TABLE prediction ADD FOREIGN KEY (model_id) REFERENCES model (model_id);
ALTER TABLE prediction ADD FOREIGN KEY (obsid) REFERENCES lamost_spectrum (obsid) ON DELETE CASCADE;
ALTER TABLE prediction ADD FOREIGN KEY (settings_id) REFERENCES prediction_settings (settings_id);
ALTER TABLE prediction_spectrum ADD CONSTRAINT prediction_spectrum_model_id_obsid_fkey
    FOREIGN KEY (model_id, obsid) REFERENCES prediction (model_id, obsid) ON DELETE CASCADE;

-- Triggers as migrations 0031 and 0034 made them (on the parent; row triggers are cloned to every partition).
CREATE TRIGGER prediction_named_labels BEFORE INSERT OR UPDATE OF labels, model_id, teff, logg, m_h, feh, alpha_m, c_m, n_m
    ON prediction FOR EACH ROW EXECUTE FUNCTION prediction_named_labels();
CREATE TRIGGER prediction_flag_delta_inserted AFTER INSERT ON prediction
    REFERENCING NEW TABLE AS changed_predictions FOR EACH STATEMENT EXECUTE FUNCTION prediction_flag_delta_counted();
CREATE TRIGGER prediction_flag_delta_deleted AFTER DELETE ON prediction
    REFERENCING OLD TABLE AS changed_predictions FOR EACH STATEMENT EXECUTE FUNCTION prediction_flag_delta_counted();
CREATE TRIGGER prediction_flag_delta_updated AFTER UPDATE ON prediction FOR EACH ROW
    WHEN (OLD.flags IS DISTINCT FROM NEW.flags OR OLD.model_id IS DISTINCT FROM NEW.model_id)
    EXECUTE FUNCTION prediction_flag_delta_updated();
CREATE TRIGGER prediction_flag_delta_truncated AFTER TRUNCATE ON prediction
    FOR EACH STATEMENT EXECUTE FUNCTION prediction_flag_delta_truncated();


-- A partition for every new model.
CREATE FUNCTION prediction_partition_made() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM slam_prediction_partition(NEW.model_id);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION prediction_partition_made() IS
    'Row trigger of model: makes the new model''s partition of prediction (slam_prediction_partition).';
REVOKE ALL ON FUNCTION prediction_partition_made() FROM PUBLIC;
CREATE TRIGGER prediction_partition_made AFTER INSERT ON model FOR EACH ROW EXECUTE FUNCTION prediction_partition_made();

-- Dropping a retired or failed model's predictions: its partition detached and dropped, a file removed
-- instead of a DELETE of its rows. The statuses are ModelUse.purge's (Sources/Catalogue/Models/ModelStatus.swift).
-- Fit spectra of the model go first (their foreign key), its flag counts after (no DELETE trigger fires).
-- DETACH locks prediction in ACCESS EXCLUSIVE mode for a moment; behind a long query (an export) it would
-- queue every reader behind it, so it waits at most lock_timeout (10 s) and fails with lock_not_available.
CREATE FUNCTION slam_purge_predictions(p_model_id integer) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    model_status text;
    partition_name text := 'prediction_m' || p_model_id;
    dropped bigint;
BEGIN
    SELECT status INTO model_status FROM model WHERE model_id = p_model_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'model % does not exist', p_model_id USING ERRCODE = 'no_data_found';
    END IF;
    IF model_status NOT IN ('retired', 'failed') THEN
        RAISE EXCEPTION 'model % is %: only a retired or failed model''s predictions can be purged', p_model_id, model_status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF to_regclass(partition_name) IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM set_config('lock_timeout', '10s', true);
    SELECT coalesce(sum(n), 0) INTO dropped FROM prediction_flag_delta WHERE model_id = p_model_id;
    DELETE FROM prediction_spectrum WHERE model_id = p_model_id;
    EXECUTE format('ALTER TABLE prediction DETACH PARTITION %I', partition_name);
    EXECUTE format('DROP TABLE %I', partition_name);
    DELETE FROM prediction_flag_delta WHERE model_id = p_model_id;
    RETURN dropped;
END
$$;
COMMENT ON FUNCTION slam_purge_predictions(integer) IS
    'Drops the predictions (and fit spectra) of a retired or failed model by dropping its partition of prediction; returns how many predictions it held. The model row, its coefficients and validation stay. As the tables'' owner (SECURITY DEFINER).';
REVOKE ALL ON FUNCTION slam_purge_predictions(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION slam_purge_predictions(integer) TO slam_operator;

-- 3. The views back, as they were ------------------------------------------------------------------------

DO $views$
DECLARE
    v record;
    c record;
    g record;
BEGIN
    FOR v IN SELECT * FROM dependent_view ORDER BY depth, view_name LOOP
        EXECUTE format('CREATE VIEW %I.%I AS %s', v.schema_name, v.view_name, v.definition);
        IF v.reloptions IS NOT NULL THEN
            EXECUTE format('ALTER VIEW %I.%I SET (%s)', v.schema_name, v.view_name, array_to_string(v.reloptions, ', '));
        END IF;
        EXECUTE format('ALTER VIEW %I.%I OWNER TO %I', v.schema_name, v.view_name, v.owner);
        IF v.description IS NOT NULL THEN
            EXECUTE format('COMMENT ON VIEW %I.%I IS %L', v.schema_name, v.view_name, v.description);
        END IF;
        FOR c IN SELECT * FROM dependent_view_column WHERE view_oid = v.view_oid LOOP
            EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', v.schema_name, v.view_name, c.column_name, c.description);
        END LOOP;
        FOR g IN SELECT a.privilege_type, CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END AS grantee
                 FROM aclexplode(v.relacl) a WHERE a.grantee <> (SELECT oid FROM pg_roles WHERE rolname = v.owner) LOOP
            EXECUTE format('GRANT %s ON %I.%I TO %s', g.privilege_type, v.schema_name, v.view_name, g.grantee);
        END LOOP;
    END LOOP;
END
$views$;

ANALYZE prediction;
