import Store

extension JobQueue {
    /// What a bulk enqueue did.
    public struct BulkEnqueueResult: Sendable, Equatable {
        /// Jobs inserted.
        public var inserted = 0
        /// Requests skipped because their unique key was taken: by a job already in the table, or by an
        /// earlier request of the same call.
        public var skipped = 0
        /// With `collectIDs`: the ids of the jobs the requests stand for (inserted, or holding their
        /// unique key), ascending, without repeats; otherwise empty.
        public var ids: [Int] = []
        public init(inserted: Int = 0, skipped: Int = 0, ids: [Int] = []) {
            self.inserted = inserted
            self.skipped = skipped
            self.ids = ids
        }
    }

    /// Enqueues every request `next` produces, one multi-row `INSERT` per array it returns (a few hundred
    /// to a few thousand requests each), until it returns nil, all in one transaction (a savepoint inside
    /// the caller's): when `next` or the database throws, nothing is enqueued. Unique keys behave as for
    /// ``enqueue(_:)``: a request whose key is taken (per its ``JobUniqueScope``) is skipped, including a
    /// repeat within the call. Listening workers are woken at commit (trigger). Requests are inserted in
    /// order, so ids increase in the order `next` produces them.
    ///
    /// `collectIDs`: also return the ids of the existing jobs of skipped requests (one more query per
    /// statement that skipped any), e.g. to follow them with ``JobWaiter``.
    /// - Throws: what `next` throws, or ``PostgresError``.
    @discardableResult
    public func enqueue(stream next: () throws -> [JobRequest]?, collectIDs: Bool = false) throws -> BulkEnqueueResult {
        try connection.transaction { db throws -> BulkEnqueueResult in
            var result = BulkEnqueueResult()
            var ids: [Int] = []
            while let requests = try next() {
                guard !requests.isEmpty else { continue }
                let inserted = try JobQueue(db).insertReturningIDs(requests)
                result.inserted += inserted.count
                result.skipped += requests.count - inserted.count
                guard collectIDs else { continue }
                ids += inserted
                if inserted.count < requests.count {
                    ids += try JobQueue(db).existingIDs(uniqueKeys: requests.compactMap(\.uniqueKey))
                }
            }
            if collectIDs { result.ids = Array(Set(ids)).sorted() }
            return result
        }
    }

    /// Inserts `requests` in one statement (taken keys skipped); returns the new ids.
    func insertReturningIDs(_ requests: [JobRequest]) throws(PostgresError) -> [Int] {
        let rows = try connection.query("""
            INSERT INTO job (kind, payload, priority, max_attempts, run_after, unique_key, unique_scope, group_key)
            SELECT k, p::jsonb, pr, ma, now() + make_interval(secs => d), NULLIF(u, ''), s, NULLIF(g, '')
            FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::float8[], $6::text[], $7::text[], $8::text[])
                 WITH ORDINALITY AS t(k, p, pr, ma, d, u, s, g, n)
            ORDER BY n
            \(Self.uniqueConflict)
            RETURNING id
            """, [requests.map(\.kind), requests.map(\.payload.text), requests.map(\.priority), requests.map(\.maxAttempts),
                  requests.map(\.delaySeconds), requests.map { $0.uniqueKey ?? "" }, requests.map(\.uniqueScope.rawValue),
                  requests.map { $0.groupKey ?? "" }],
            name: "job_enqueue_bulk")
        var ids: [Int] = []
        ids.reserveCapacity(rows.count)
        for row in rows.rows { ids.append(try row.decode(Int.self, at: 0)) }
        return ids
    }

    /// The job holding each of `uniqueKeys` (as ``enqueue(_:)`` picks it: a pending one first, then the newest).
    func existingIDs(uniqueKeys: [String]) throws(PostgresError) -> [Int] {
        guard !uniqueKeys.isEmpty else { return [] }
        let rows = try connection.query("""
            SELECT DISTINCT ON (unique_key) id FROM job WHERE unique_key = ANY($1::text[])
            ORDER BY unique_key, (state IN ('available', 'running')) DESC, id DESC
            """, [uniqueKeys], name: "job_by_unique_keys")
        var ids: [Int] = []
        ids.reserveCapacity(rows.count)
        for row in rows.rows { ids.append(try row.decode(Int.self, at: 0)) }
        return ids
    }
}
