import Store

extension JobQueue {
    /// The number of jobs of `kind` in group `groupKey` (``JobRequest/groupKey``) whose state is one of
    /// `states` (default: waiting or running), e.g. the prediction batches of a model not yet done.
    public func pendingCount(kind: String, groupKey: String, states: [JobState] = [.available, .running]) throws(PostgresError) -> Int {
        try connection.query("""
            SELECT count(*) FROM job WHERE kind = $1 AND group_key = $2 AND state = ANY($3::text[])
            """, [kind, groupKey, states.map(\.rawValue)], name: "job_group_pending_count").first?.decode(Int.self, at: 0) ?? 0
    }

    /// The id of the job of `kind` holding `uniqueKey` that is waiting or running (the newest, should there be
    /// several), or nil.
    public func activeJobID(kind: String, uniqueKey: String) throws(PostgresError) -> Int? {
        try connection.query("""
            SELECT id FROM job WHERE kind = $1 AND unique_key = $2 AND state IN ('available', 'running') ORDER BY id DESC LIMIT 1
            """, [kind, uniqueKey], name: "job_active_by_unique_key").first?.decode(Int.self, at: 0)
    }

    /// Wakes the waiting job of `kind` holding `uniqueKey`: when its next attempt is due later than
    /// `withinSeconds` from now (e.g. sitting out a retry backoff), it is moved to now + `withinSeconds`. A job
    /// due sooner, running or finished is left alone. Returns whether a job was moved.
    @discardableResult
    public func wake(kind: String, uniqueKey: String, withinSeconds: Double = 0) throws(PostgresError) -> Bool {
        try connection.execute("""
            UPDATE job SET run_after = now() + make_interval(secs => $3)
            WHERE kind = $1 AND unique_key = $2 AND state = 'available' AND run_after > now() + make_interval(secs => $3)
            """, [kind, uniqueKey, withinSeconds], name: "job_wake_by_unique_key") > 0
    }
}
