-- Lease fencing for result writes (Sources/Queue/JobQueue+Fence.swift).
-- A handler's result transaction first calls job_fence (or completes the job in the same transaction
-- with job_complete_fenced). Either locks the job's row until the transaction ends and raises SQLSTATE
-- SL001 when the calling attempt no longer owns the running job (rescued after missed heartbeats,
-- cancelled, finished), which aborts the transaction: a worker that was paused or cut off past its
-- lease writes nothing, whatever the code around the write does with the error.

CREATE FUNCTION job_fence(p_id bigint, p_attempt integer, p_owner text, p_lease_seconds double precision)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE job SET lease_expires_at = GREATEST(lease_expires_at, now() + make_interval(secs => p_lease_seconds)),
                   updated_at = now()
    WHERE id = p_id AND attempt = p_attempt AND state = 'running' AND lease_owner = p_owner;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'job % attempt % no longer holds its lease (rescued, cancelled or finished): its results are not written',
            p_id, p_attempt USING ERRCODE = 'SL001';
    END IF;
END
$$;

COMMENT ON FUNCTION job_fence(bigint, integer, text, double precision) IS
    'Fencing token check inside a result transaction: locks job p_id, extends its lease to at least now() + p_lease_seconds (seconds), raises SQLSTATE SL001 unless attempt p_attempt of p_owner still holds it';

CREATE FUNCTION job_complete_fenced(p_id bigint, p_attempt integer, p_owner text, p_progress jsonb)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM job_fence(p_id, p_attempt, p_owner, 0);  -- locks the row; raises SL001 unless this attempt holds it
    UPDATE job SET state = 'completed', finished_at = now(), updated_at = now(),
                   lease_owner = NULL, lease_expires_at = NULL, progress = COALESCE(p_progress, progress)
    WHERE id = p_id;
END
$$;

COMMENT ON FUNCTION job_complete_fenced(bigint, integer, text, jsonb) IS
    'Completes job p_id inside the transaction that writes its results (they commit together); raises SQLSTATE SL001 unless attempt p_attempt of p_owner still holds it';
