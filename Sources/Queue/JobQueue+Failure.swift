import Foundation
import Store

extension JobQueue {
    /// Records a failed attempt: back to `available` after `retryAfterSeconds`, or `dead` when
    /// `retryAfterSeconds` is nil. The error joins the `errors` history either way.
    /// Returns false when refused (the job is no longer this attempt's).
    @discardableResult
    public func fail(_ lease: Lease, owner: String, error: String, retryAfterSeconds: Double?) throws(PostgresError) -> Bool {
        try connection.execute("""
            UPDATE job SET
                state = CASE WHEN $4::float8 IS NULL THEN 'dead' ELSE 'available' END,
                run_after = CASE WHEN $4::float8 IS NULL THEN run_after ELSE now() + make_interval(secs => $4::float8) END,
                finished_at = CASE WHEN $4::float8 IS NULL THEN now() END,
                last_error = $5,
                errors = errors || jsonb_build_array(jsonb_build_object(
                    'attempt', attempt, 'at', now(), 'error', $5::text, 'worker', $3::text)),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE id = $1 AND attempt = $2 AND state = 'running' AND lease_owner = $3
            """, [lease.id, lease.attempt, owner, retryAfterSeconds, error], name: "job_fail") == 1
    }

    /// Gives running jobs back to `available` without consuming their attempts (graceful shutdown).
    /// Returns how many were released (the others were refused). Rows are locked in id order, as a
    /// heartbeat locks them, so the two cannot deadlock.
    @discardableResult
    public func release(_ leases: [Lease], owner: String) throws(PostgresError) -> Int {
        guard !leases.isEmpty else { return 0 }
        let count = try connection.execute("""
            UPDATE job SET state = 'available', attempt = job.attempt - 1, run_after = now(),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            FROM (SELECT job.id FROM job JOIN unnest($1::int8[], $2::int8[]) AS t(id, attempt)
                      ON job.id = t.id AND job.attempt = t.attempt
                  WHERE job.state = 'running' AND job.lease_owner = $3
                  ORDER BY job.id FOR UPDATE OF job) AS held
            WHERE job.id = held.id
            """, [leases.map(\.id), leases.map(\.attempt), owner], name: "job_release")
        if count > 0 { try connection.notify(Self.channel, payload: "") }
        return count
    }

    /// Requeues running jobs whose lease ended before `asOf` (default: the server's `now()`):
    /// `available` again, or `dead` if that was the last attempt; the expiry joins `errors`.
    /// Takes at most `limit` jobs (`FOR UPDATE SKIP LOCKED`, so rescuers do not collide).
    /// `asOf` lets tests move time forward instead of sleeping. Returns the rescued jobs' ids.
    @discardableResult
    public func rescueExpired(asOf: Date? = nil, limit: Int = 1000) throws(PostgresError) -> [Int] {
        let rows = try connection.query("""
            WITH expired AS (
                SELECT id FROM job
                WHERE state = 'running' AND lease_expires_at < COALESCE($1::timestamptz, now())
                ORDER BY lease_expires_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            )
            UPDATE job SET
                state = CASE WHEN job.attempt >= job.max_attempts THEN 'dead' ELSE 'available' END,
                finished_at = CASE WHEN job.attempt >= job.max_attempts THEN now() END,
                run_after = now(),
                last_error = 'lease expired: worker ' || job.lease_owner || ' stopped heartbeating',
                errors = job.errors || jsonb_build_array(jsonb_build_object(
                    'attempt', job.attempt, 'at', now(),
                    'error', 'lease expired: worker ' || job.lease_owner || ' stopped heartbeating',
                    'worker', job.lease_owner)),
                lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            FROM expired WHERE job.id = expired.id
            RETURNING job.id
            """, [asOf, limit], name: "job_rescue")
        var ids: [Int] = []
        for row in rows.rows { ids.append(try row.decode(Int.self, "id")) }
        if !ids.isEmpty { try connection.notify(Self.channel, payload: "") }
        return ids
    }

    /// Cancels an `available` or `running` job (a running job's worker sees it as lost at its next
    /// heartbeat and its late outcome is refused). Returns false if the job is not cancellable.
    @discardableResult
    public func cancel(id: Int) throws(PostgresError) -> Bool {
        try connection.execute("""
            UPDATE job SET state = 'cancelled', finished_at = now(), updated_at = now(),
                lease_owner = NULL, lease_expires_at = NULL
            WHERE id = $1 AND state IN ('available', 'running')
            """, [id], name: "job_cancel") == 1
    }

    /// Puts a `dead` or `cancelled` job back to `available` with a fresh set of attempts (history
    /// kept). Returns false if the job is in another state. Throws SQLSTATE 23505 when another
    /// active job holds the same `active`-scope unique key.
    @discardableResult
    public func retry(id: Int) throws(PostgresError) -> Bool {
        let changed = try connection.execute("""
            UPDATE job SET state = 'available', attempt = 0, run_after = now(), finished_at = NULL, updated_at = now()
            WHERE id = $1 AND state IN ('dead', 'cancelled')
            """, [id], name: "job_retry") == 1
        if changed { try connection.notify(Self.channel, payload: "") }
        return changed
    }

    /// One job by id, or nil.
    public func job(id: Int) throws(PostgresError) -> Job? {
        let rows = try connection.query("SELECT \(Job.columns) FROM job WHERE id = $1", [id], name: "job_by_id")
        return try rows.first.map { row throws(PostgresError) in try Job(row: row) }
    }

    /// True when no job of `kinds` (nil: any) is running, and none is available to run within
    /// `horizonSeconds` from now. This is `slam worker --until-empty`'s exit test.
    public func isDrained(kinds: [String]?, horizonSeconds: Double) throws(PostgresError) -> Bool {
        let filter = kinds == nil ? "" : "AND kind = ANY($2::text[])"
        var parameters: [any PostgresEncodable] = [horizonSeconds]
        if let kinds { parameters.append(kinds) }
        let rows = try connection.query("""
            SELECT NOT EXISTS (
                SELECT 1 FROM job
                WHERE (state = 'running' OR (state = 'available' AND run_after <= now() + make_interval(secs => $1)))
                \(filter)
            ) AS drained
            """, parameters, name: kinds == nil ? "job_drained_any" : "job_drained_kinds")
        return try rows.first?.decode(Bool.self, "drained") ?? true
    }

    /// One line of ``summary()``.
    public struct SummaryRow: Sendable, Equatable {
        /// Job kind.
        public var kind: String
        /// State.
        public var state: JobState
        /// Number of jobs.
        public var count: Int
        /// Earliest `run_after` in the group.
        public var oldestRunAfter: Date?
    }

    /// Jobs per kind and state (the `job_queue_summary` view), ordered by kind then state.
    public func summary() throws(PostgresError) -> [SummaryRow] {
        let rows = try connection.query(
            "SELECT kind, state, count::int8 AS count, oldest_run_after FROM job_queue_summary ORDER BY kind, state",
            name: "job_summary")
        var result: [SummaryRow] = []
        for row in rows.rows {
            let name = try row.decode(String.self, "state")
            result.append(SummaryRow(kind: try row.decode(String.self, "kind"), state: JobState(rawValue: name) ?? .dead,
                                     count: try row.decode(Int.self, "count"),
                                     oldestRunAfter: try row.decode(Date?.self, "oldest_run_after")))
        }
        return result
    }
}
