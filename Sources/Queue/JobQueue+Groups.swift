import Foundation
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

    /// The ids of every job of group `groupKey` (any state), ascending.
    public func jobIDs(groupKey: String) throws(PostgresError) -> [Int] {
        try connection.query("SELECT id FROM job WHERE group_key = $1 ORDER BY id", [groupKey], name: "job_group_ids")
            .rows.map { row throws(PostgresError) in try row.decode(Int.self, at: 0) }
    }

    /// Cancels every waiting or running job of group `groupKey` (a running job's attempt then loses its
    /// lease fence and writes nothing); returns how many.
    @discardableResult
    public func cancel(groupKey: String) throws(PostgresError) -> Int {
        try connection.execute("""
            UPDATE job SET state = 'cancelled', finished_at = now(), updated_at = now(), lease_owner = NULL, lease_expires_at = NULL
            WHERE group_key = $1 AND state IN ('available', 'running')
            """, [groupKey], name: "job_group_cancel")
    }

    /// Progress of the groups whose key starts with `prefix` (e.g. `training:`) that have jobs of `kind` still
    /// waiting or running, or finished in the last `recentSeconds`: one row per group, by key.
    public func groupProgress(prefix: String, kind: String, recentSeconds: Double = 3600) throws(PostgresError) -> [GroupProgress] {
        let rows = try connection.query("""
            SELECT group_key,
                   count(*) FILTER (WHERE state = 'completed')::int8,
                   count(*)::int8,
                   count(*) FILTER (WHERE state = 'running')::int8,
                   count(*) FILTER (WHERE state IN ('dead', 'cancelled'))::int8,
                   extract(epoch FROM now() - min(attempted_at))::float8
            FROM job
            WHERE kind = $2 AND starts_with(group_key, $1)
            GROUP BY group_key
            HAVING bool_or(state IN ('available', 'running')) OR max(finished_at) > now() - make_interval(secs => $3)
            ORDER BY group_key
            """, [prefix, kind, recentSeconds], name: "job_group_progress")
        return try rows.rows.map { row throws(PostgresError) in
            GroupProgress(groupKey: try row.decode(String.self, at: 0), completed: try row.decode(Int.self, at: 1),
                          total: try row.decode(Int.self, at: 2), running: try row.decode(Int.self, at: 3),
                          failed: try row.decode(Int.self, at: 4), secondsSinceFirstStart: try row.decode(Double?.self, at: 5))
        }
    }
}

/// How far the jobs of one kind in one group are (``JobQueue/groupProgress(prefix:kind:recentSeconds:)``).
public struct GroupProgress: Sendable, Equatable {
    public var groupKey: String
    /// Jobs completed, and in all.
    public var completed: Int
    public var total: Int
    /// Jobs running now.
    public var running: Int
    /// Jobs dead or cancelled.
    public var failed: Int
    /// Seconds since the group's first attempt started; nil before any started.
    public var secondsSinceFirstStart: Double?

    public init(groupKey: String, completed: Int, total: Int, running: Int, failed: Int, secondsSinceFirstStart: Double?) {
        self.groupKey = groupKey
        self.completed = completed
        self.total = total
        self.running = running
        self.failed = failed
        self.secondsSinceFirstStart = secondsSinceFirstStart
    }

    /// Jobs completed per second since the first started (0 before any completed).
    public var rate: Double {
        guard let seconds = secondsSinceFirstStart, seconds > 0 else { return 0 }
        return Double(completed) / seconds
    }

    /// Seconds until the jobs not finished are done at ``rate``; nil without a rate.
    public var etaSeconds: Double? {
        rate > 0 ? Double(total - completed - failed) / rate : nil
    }

    /// `shards 12/40 (30%), 0.21/s, ETA 133 s, 4 running` (`what`: the noun).
    public func line(what: String) -> String {
        var text = "\(what) \(completed)/\(total)"
        if total > 0 { text += " (\(Int((100 * Double(completed) / Double(total)).rounded()))%)" }
        text += String(format: ", %.2f/s", rate)
        if let eta = etaSeconds { text += String(format: ", ETA %.0f s", eta) }
        text += ", \(running) running"
        if failed > 0 { text += ", \(failed) dead or cancelled" }
        return text
    }
}
