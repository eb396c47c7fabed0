-- The workers of the queue as they report themselves (the survey dashboard of slam serve, docs/pages.md).
-- A lease shows a worker only while it runs a job; this table shows every worker alive, idle ones too:
-- each worker process (`slam worker`, or a command running worker slots with --work) writes its row when
-- it starts and at every heartbeat, and marks it stopped when it ends. A row whose heartbeat is older
-- than three heartbeat intervals and that is not stopped is a worker that died (killed, host lost).

CREATE TABLE worker (
    worker_id         text PRIMARY KEY,
    host              text NOT NULL,
    pid               integer NOT NULL,
    kinds             text[],
    slots             integer NOT NULL CHECK (slots > 0),
    running           integer NOT NULL DEFAULT 0 CHECK (running >= 0),
    heartbeat_seconds double precision NOT NULL CHECK (heartbeat_seconds > 0),
    started_at        timestamptz NOT NULL DEFAULT now(),
    heartbeat_at      timestamptz NOT NULL DEFAULT now(),
    stopped_at        timestamptz
);
CREATE INDEX worker_heartbeat_idx ON worker (heartbeat_at DESC);
COMMENT ON TABLE worker IS 'Worker processes of the queue, written by themselves: at start, at every heartbeat, and when they stop.';
COMMENT ON COLUMN worker.worker_id IS 'The worker''s lease owner id (job.lease_owner of the jobs it holds): host:pid:random.';
COMMENT ON COLUMN worker.host IS 'Host name of the machine it runs on.';
COMMENT ON COLUMN worker.pid IS 'Its process id on that host.';
COMMENT ON COLUMN worker.kinds IS 'Job kinds it claims; NULL: every kind.';
COMMENT ON COLUMN worker.slots IS 'Jobs it runs at once (slam worker --concurrency).';
COMMENT ON COLUMN worker.running IS 'Jobs it held at its last heartbeat.';
COMMENT ON COLUMN worker.heartbeat_seconds IS 'Its heartbeat interval, seconds: a heartbeat older than three of these and no stopped_at means the worker died.';
COMMENT ON COLUMN worker.started_at IS 'When it started.';
COMMENT ON COLUMN worker.heartbeat_at IS 'Its last heartbeat.';
COMMENT ON COLUMN worker.stopped_at IS 'When it stopped cleanly (drained, --until-empty, SIGTERM); NULL while it runs or if it died.';

GRANT INSERT, UPDATE ON worker TO slam_worker;                                                   -- every worker
