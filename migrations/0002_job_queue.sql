-- The job queue and schedules (Sources/Queue). A job moves:
--   available --claim--> running --complete--> completed
--                          |  --fail (attempts left)--> available (run_after = now() + backoff)
--                          |  --fail (last attempt, or not retryable)--> dead
--                          |  --lease expired (rescue)--> available, or dead on the last attempt
--                          |  --release (graceful shutdown; the attempt is given back)--> available
--   available/running --cancel--> cancelled;  dead/cancelled --retry--> available (attempt = 0)
-- Every change to a running job is guarded by its attempt number and lease owner, so a worker
-- whose job was rescued cannot complete or fail it afterwards.

CREATE TABLE job (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    payload          jsonb NOT NULL DEFAULT '{}'::jsonb,
    priority         smallint NOT NULL DEFAULT 0 CHECK (priority BETWEEN -1000 AND 1000),
    state            text NOT NULL DEFAULT 'available'
                     CHECK (state IN ('available', 'running', 'completed', 'dead', 'cancelled')),
    attempt          integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts     integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 1000),
    run_after        timestamptz NOT NULL DEFAULT now(),
    lease_owner      text,
    lease_expires_at timestamptz,
    last_error       text,
    errors           jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(errors) = 'array'),
    unique_key       text CHECK (unique_key IS NULL OR length(unique_key) BETWEEN 1 AND 512),
    unique_scope     text NOT NULL DEFAULT 'active' CHECK (unique_scope IN ('active', 'forever')),
    progress         jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(progress) = 'object'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    attempted_at     timestamptz,
    finished_at      timestamptz,
    CHECK (attempt <= max_attempts),
    CHECK ((state = 'running') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL)),
    CHECK ((state IN ('completed', 'dead', 'cancelled')) = (finished_at IS NOT NULL)),
    CHECK (state <> 'running' OR attempt >= 1)
);

COMMENT ON TABLE job IS 'Background jobs claimed by slam workers (FOR UPDATE SKIP LOCKED) under a lease';
COMMENT ON COLUMN job.id IS 'Job id, increasing in enqueue order';
COMMENT ON COLUMN job.kind IS 'Handler name, e.g. ingest_lamost; workers claim only kinds they run';
COMMENT ON COLUMN job.payload IS 'Handler arguments (JSON object; schema per kind)';
COMMENT ON COLUMN job.priority IS 'Higher runs first (-1000..1000); ties run oldest run_after first';
COMMENT ON COLUMN job.state IS 'available | running | completed | dead | cancelled';
COMMENT ON COLUMN job.attempt IS 'Attempts started so far (incremented by claim, given back by release)';
COMMENT ON COLUMN job.max_attempts IS 'Attempts allowed before the job is dead';
COMMENT ON COLUMN job.run_after IS 'Earliest time the job may be claimed (timestamptz); set by backoff on retry';
COMMENT ON COLUMN job.lease_owner IS 'Worker id holding the job while running (host:pid:random); NULL otherwise';
COMMENT ON COLUMN job.lease_expires_at IS 'While running: the lease end, extended by heartbeats; past it the job is rescued';
COMMENT ON COLUMN job.last_error IS 'Message of the most recent failure';
COMMENT ON COLUMN job.errors IS 'Failure history: array of {attempt, at (ISO 8601), error, worker}';
COMMENT ON COLUMN job.unique_key IS 'Optional de-duplication key: enqueuing a key already held is a no-op';
COMMENT ON COLUMN job.unique_scope IS 'active: key unique among available/running jobs; forever: unique across all states';
COMMENT ON COLUMN job.progress IS 'Handler progress: {"done": n, "total": n} (counts in handler-defined units)';
COMMENT ON COLUMN job.created_at IS 'Enqueue time (timestamptz)';
COMMENT ON COLUMN job.updated_at IS 'Last state change or heartbeat (timestamptz)';
COMMENT ON COLUMN job.attempted_at IS 'Start of the latest attempt (timestamptz)';
COMMENT ON COLUMN job.finished_at IS 'When the job became completed, dead or cancelled (timestamptz)';

-- Claim order: highest priority, then oldest run_after, among available jobs.
CREATE INDEX job_claim_idx ON job (priority DESC, run_after, id) WHERE state = 'available';
CREATE INDEX job_claim_kind_idx ON job (kind, priority DESC, run_after, id) WHERE state = 'available';
-- Rescue scans running jobs by lease end.
CREATE INDEX job_lease_idx ON job (lease_expires_at) WHERE state = 'running';
CREATE INDEX job_kind_state_idx ON job (kind, state);
CREATE UNIQUE INDEX job_unique_key_idx ON job (unique_key)
    WHERE unique_key IS NOT NULL AND (unique_scope = 'forever' OR state IN ('available', 'running'));

-- Wake idle workers: one NOTIFY per kind per inserting statement (channel slam_job, payload kind).
CREATE FUNCTION job_notify_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('slam_job', k.kind) FROM (SELECT DISTINCT kind FROM inserted WHERE state = 'available') AS k;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_notify_insert() IS 'Notifies channel slam_job with each inserted kind (workers LISTEN; polling is the fallback)';
CREATE TRIGGER job_notify_insert AFTER INSERT ON job
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION job_notify_insert();

CREATE VIEW job_queue_summary AS
SELECT kind, state, count(*) AS count, min(run_after) AS oldest_run_after
FROM job
GROUP BY kind, state;
COMMENT ON VIEW job_queue_summary IS 'Jobs per kind and state, with the earliest run_after of each group';
COMMENT ON COLUMN job_queue_summary.count IS 'Number of jobs';
COMMENT ON COLUMN job_queue_summary.oldest_run_after IS 'Earliest run_after in the group (timestamptz)';

CREATE TABLE schedule (
    name          text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_.-]{1,64}$'),
    cron          text NOT NULL CHECK (array_length(regexp_split_to_array(btrim(cron), '\s+'), 1) = 5),
    kind          text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
    priority      smallint NOT NULL DEFAULT 0 CHECK (priority BETWEEN -1000 AND 1000),
    max_attempts  integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 1000),
    enabled       boolean NOT NULL DEFAULT true,
    last_fire_at  timestamptz,
    next_fire_at  timestamptz,
    last_job_id   bigint,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT enabled OR next_fire_at IS NOT NULL)
);
COMMENT ON TABLE schedule IS 'Recurring jobs: workers enqueue each due fire time exactly once (unique key schedule:<name>:<fire time>)';
COMMENT ON COLUMN schedule.name IS 'Schedule name';
COMMENT ON COLUMN schedule.cron IS '5-field cron expression (minute hour day-of-month month day-of-week), evaluated in UTC';
COMMENT ON COLUMN schedule.kind IS 'Job kind to enqueue';
COMMENT ON COLUMN schedule.payload IS 'Payload of each enqueued job';
COMMENT ON COLUMN schedule.priority IS 'Priority of each enqueued job';
COMMENT ON COLUMN schedule.max_attempts IS 'max_attempts of each enqueued job';
COMMENT ON COLUMN schedule.enabled IS 'Disabled schedules never fire';
COMMENT ON COLUMN schedule.last_fire_at IS 'Fire time (timestamptz, whole minute) of the latest enqueue';
COMMENT ON COLUMN schedule.next_fire_at IS 'Next fire time (timestamptz, whole minute)';
COMMENT ON COLUMN schedule.last_job_id IS 'Job enqueued for last_fire_at (NULL if it already existed)';
COMMENT ON COLUMN schedule.created_at IS 'Creation time (timestamptz)';
COMMENT ON COLUMN schedule.updated_at IS 'Last change (timestamptz)';
CREATE INDEX schedule_due_idx ON schedule (next_fire_at) WHERE enabled;
