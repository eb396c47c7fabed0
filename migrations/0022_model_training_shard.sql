-- Sharded training (docs/operations.md, "Sharded training"): a training split into shard jobs stores each
-- shard's result as soon as the shard is done, in the transaction that completes the shard's job, so a
-- crash loses at most one shard and a retry runs only the shards without a row. The assembling job reads
-- them all and makes the model ready.
CREATE TABLE model_training_shard (
    model_id     integer NOT NULL REFERENCES model (model_id) ON DELETE CASCADE,
    phase        text NOT NULL CHECK (phase IN ('pixels', 'validate')),
    shard        integer NOT NULL CHECK (shard >= 0),
    range_start  integer NOT NULL CHECK (range_start >= 0),
    range_end    integer NOT NULL CHECK (range_end > range_start),
    result       bytea NOT NULL,
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    seconds      double precision NOT NULL CHECK (seconds >= 0),
    worker       text NOT NULL,
    job_id       bigint,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, phase, shard)
);
COMMENT ON TABLE model_training_shard IS 'Results of the shard jobs of a sharded training, one row per (model, phase, shard), written once with the completion of the shard''s job.';
COMMENT ON COLUMN model_training_shard.model_id IS 'The model being trained (status training until its train_assemble job makes it ready).';
COMMENT ON COLUMN model_training_shard.phase IS 'pixels: grid search, final fit and whole-method cross-validation fold fits of a pixel range (result: a SLAMPixelShard); validate: cross-validation predictions of a range of training members.';
COMMENT ON COLUMN model_training_shard.shard IS 'Shard number within the phase, from 0, in range order.';
COMMENT ON COLUMN model_training_shard.range_start IS 'First item of the shard: pixel index (phase pixels, 0-based) or training member index (phase validate).';
COMMENT ON COLUMN model_training_shard.range_end IS 'One past the last item of the shard (pixel or member index, exclusive).';
COMMENT ON COLUMN model_training_shard.result IS 'The shard''s result in its versioned little-endian binary form (doubles as IEEE-754 bits, FNV-1a 64 checksum at the end), bytes.';
COMMENT ON COLUMN model_training_shard.sha256 IS 'SHA-256 of result, lowercase hex.';
COMMENT ON COLUMN model_training_shard.seconds IS 'Wall time the shard took to compute, seconds.';
COMMENT ON COLUMN model_training_shard.worker IS 'Worker id that computed the shard (host:pid:random).';
COMMENT ON COLUMN model_training_shard.job_id IS 'The job (job.id) whose completion wrote the row; NULL outside the queue.';
COMMENT ON COLUMN model_training_shard.created_at IS 'When the row was written (UTC).';

GRANT INSERT ON model_training_shard TO slam_worker;                                            -- train_shard

-- A sharded train job (run by a worker) plans its shard and assembly jobs: workers may enqueue them.
DROP POLICY job_worker_enqueue ON job;
CREATE POLICY job_worker_enqueue ON job FOR INSERT TO slam_worker
    WITH CHECK (kind IN ('predict', 'calibrate', 'train_shard', 'train_assemble')
                OR job_is_due_schedule_fire(kind, payload, priority, max_attempts, unique_key));
COMMENT ON POLICY job_worker_enqueue ON job IS 'Workers enqueue predict and calibrate jobs (after a retrain, after predictions), the shard and assembly jobs of a sharded training, and the due fires of schedules; nothing else.';
