-- Job groups (Sources/Queue/JobQueue+Groups.swift): the queue's own column for "which jobs work on the same
-- thing", set at enqueue from the payload type (JobPayload.groupKey, e.g. 'model:5' for a model's prediction
-- batches), so that other modules count a group's pending jobs through the queue instead of reading payloads.

ALTER TABLE job ADD COLUMN group_key text CHECK (group_key IS NULL OR length(group_key) BETWEEN 1 AND 256);
COMMENT ON COLUMN job.group_key IS
    'Optional group set at enqueue from the payload (e.g. model:5: jobs working on model 5); counted by JobQueue.pendingCount';

-- Pending counts by kind and group.
CREATE INDEX job_group_key_idx ON job (group_key, kind, state) WHERE group_key IS NOT NULL;

-- Jobs enqueued before this migration that are still waiting or running join their model's group, so a
-- calibration enqueued after the upgrade still waits for them (the payload field is read here, once).
UPDATE job SET group_key = 'model:' || (payload->>'modelID')
WHERE kind IN ('predict', 'calibrate', 'posterior') AND state IN ('available', 'running')
  AND jsonb_typeof(payload->'modelID') = 'number';

-- Workers insert whole rows (INSERT on job, row-level security by kind: migration 0018) and never change a
-- group afterwards, so slam_worker needs no new grant; readers see it through SELECT on job.
