-- Roles: slam_reader (query labels), slam_worker (workers write results), slam_owner (migrations).
-- NOLOGIN group roles: administrators grant them to login roles, e.g.
--     CREATE ROLE alice LOGIN PASSWORD '...'; GRANT slam_reader TO alice;
-- Roles are cluster-wide: they are created only when missing, and two databases migrating at once
-- (parallel tests) may race; the loser of the race sees duplicate_object or unique_violation and goes on.
-- Only the creator comments a role (a concurrent COMMENT on a shared object could fail). Grants are
-- per database and idempotent.

DO $roles$
DECLARE
    spec text[];
BEGIN
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
        ['slam_reader', 'SLAM catalogue readers: SELECT on every table and view of schema public (labels_current, labels_history, ...).'],
        ['slam_worker', 'SLAM workers: read and write rows (SELECT, INSERT, UPDATE, DELETE) and use sequences; no DDL.'],
        ['slam_owner', 'SLAM schema owners: run migrations (CREATE in schema public, all privileges on its tables).']
    ] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = spec[1]) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', spec[1]);
                EXECUTE format('COMMENT ON ROLE %I IS %L', spec[1], spec[2]);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                RAISE NOTICE 'role % was created concurrently', spec[1];
            END;
        END IF;
    END LOOP;
END
$roles$;

GRANT USAGE ON SCHEMA public TO slam_reader, slam_worker;
GRANT USAGE, CREATE ON SCHEMA public TO slam_owner;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO slam_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO slam_worker;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO slam_worker;
GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO slam_owner;
GRANT ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public TO slam_owner;

-- Tables and views created later by the role running migrations get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO slam_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO slam_worker;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO slam_worker;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL PRIVILEGES ON TABLES TO slam_owner;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL PRIVILEGES ON SEQUENCES TO slam_owner;
