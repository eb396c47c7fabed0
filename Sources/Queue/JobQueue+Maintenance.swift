import Store

extension JobQueue {
    /// The number of jobs of `kind` in `state` (all states when nil).
    public func count(kind: String, state: JobState? = nil) throws(PostgresError) -> Int {
        try connection.query("""
            SELECT count(*) FROM job WHERE kind = \(kind) AND (\(state?.rawValue)::text IS NULL OR state = \(state?.rawValue))
            """, name: "job_count_kind").first?.decode(Int.self, at: 0) ?? 0
    }

    /// How many of the jobs `ids` are not completed (dead, cancelled, or still queued or running).
    public func unfinishedCount(ids: [Int]) throws(PostgresError) -> Int {
        try connection.query("SELECT count(*) FROM job WHERE id = ANY(\(ids)::int8[]) AND state <> 'completed'",
                             name: "job_unfinished_count").first?.decode(Int.self, at: 0) ?? 0
    }

    /// Deletes every job of `kind`, whatever its state; returns how many. For benchmarks and tests that
    /// clean up their own kinds; the pipeline never deletes jobs (their history is the audit trail).
    @discardableResult
    public func deleteAll(kind: String) throws(PostgresError) -> Int {
        try connection.execute("DELETE FROM job WHERE kind = \(kind)", name: "job_delete_kind")
    }
}
