import Foundation
import Store

/// Queue operations on one connection (blocking; use it on the thread that owns the connection).
///
/// Every change to a running job is guarded by `state = 'running' AND attempt = $n AND
/// lease_owner = $owner`: a worker whose job was rescued (lease expired) or cancelled cannot
/// complete, fail or release it afterwards; such calls report the job as refused.
public struct JobQueue {
    /// The connection used for every statement.
    public let connection: PostgresConnection

    /// The NOTIFY channel workers listen on; payload: the job kind.
    public static let channel = "slam_job"

    /// Queue operations on `connection`.
    public init(_ connection: PostgresConnection) { self.connection = connection }

    static let uniqueConflict = """
        ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND (unique_scope = 'forever' OR state IN ('available', 'running'))
        DO NOTHING
        """

    /// Enqueues one job; with a taken ``JobRequest/uniqueKey`` nothing is inserted and the existing
    /// job's id is returned with `inserted == false`. Wakes listening workers (trigger).
    @discardableResult
    public func enqueue(_ request: JobRequest) throws(PostgresError) -> EnqueueResult {
        let result = try connection.query("""
            INSERT INTO job (kind, payload, priority, max_attempts, run_after, unique_key, unique_scope, group_key)
            VALUES ($1, $2::jsonb, $3, $4, now() + make_interval(secs => $5), $6, $7, $8)
            \(Self.uniqueConflict)
            RETURNING id
            """, [request.kind, request.payload.text, request.priority, request.maxAttempts, request.delaySeconds,
                  request.uniqueKey, request.uniqueScope.rawValue, request.groupKey], name: "job_enqueue")
        if let row = result.first { return EnqueueResult(id: try row.decode(Int.self, "id"), inserted: true) }
        return EnqueueResult(id: try existingID(uniqueKey: request.uniqueKey), inserted: false)
    }

    /// Enqueues many jobs in one statement; returns how many were inserted (duplicates of taken
    /// unique keys, including duplicates within `requests`, are skipped).
    @discardableResult
    public func enqueue(batch requests: [JobRequest]) throws(PostgresError) -> Int {
        guard !requests.isEmpty else { return 0 }
        return try connection.execute("""
            INSERT INTO job (kind, payload, priority, max_attempts, run_after, unique_key, unique_scope, group_key)
            SELECT k, p::jsonb, pr, ma, now() + make_interval(secs => d), NULLIF(u, ''), s, NULLIF(g, '')
            FROM unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::float8[], $6::text[], $7::text[], $8::text[])
                 AS t(k, p, pr, ma, d, u, s, g)
            \(Self.uniqueConflict)
            """, [requests.map(\.kind), requests.map(\.payload.text), requests.map(\.priority), requests.map(\.maxAttempts),
                  requests.map(\.delaySeconds), requests.map { $0.uniqueKey ?? "" }, requests.map(\.uniqueScope.rawValue),
                  requests.map { $0.groupKey ?? "" }],
            name: "job_enqueue_batch")
    }

    func existingID(uniqueKey: String?) throws(PostgresError) -> Int? {
        guard let uniqueKey else { return nil }
        let rows = try connection.query("""
            SELECT id FROM job WHERE unique_key = $1 ORDER BY (state IN ('available', 'running')) DESC, id DESC LIMIT 1
            """, [uniqueKey], name: "job_by_unique_key")
        return try rows.first?.decode(Int.self, "id")
    }

    /// Claims up to `limit` runnable jobs (`available`, `run_after <= now()`), highest priority
    /// then oldest first, locking with `FOR UPDATE SKIP LOCKED` so concurrent workers never claim
    /// the same job; sets `running`, increments `attempt`, and leases them to `owner` for
    /// `leaseSeconds`. `kinds == nil` claims any kind.
    public func claim(kinds: [String]?, limit: Int, owner: String, leaseSeconds: Double) throws(PostgresError) -> [Job] {
        let filter = kinds == nil ? "" : "AND kind = ANY($4::text[])"
        var parameters: [any PostgresEncodable] = [limit, owner, leaseSeconds]
        if let kinds { parameters.append(kinds) }
        let rows = try connection.query("""
            WITH ready AS (
                SELECT id FROM job
                WHERE state = 'available' AND run_after <= now() \(filter)
                ORDER BY priority DESC, run_after, id
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE job SET state = 'running', attempt = job.attempt + 1, lease_owner = $2,
                lease_expires_at = now() + make_interval(secs => $3), attempted_at = now(), updated_at = now()
            FROM ready WHERE job.id = ready.id
            RETURNING \(Job.columns)
            """, parameters, name: kinds == nil ? "job_claim_any" : "job_claim_kinds")
        var jobs: [Job] = []
        jobs.reserveCapacity(rows.count)
        for row in rows.rows { jobs.append(try Job(row: row)) }
        return jobs.sorted { ($0.priority, -$0.runAfter.timeIntervalSince1970, -$0.id) > ($1.priority, -$1.runAfter.timeIntervalSince1970, -$1.id) }
    }

    /// A held job: its id and the attempt the lease belongs to.
    public struct Lease: Sendable, Hashable {
        /// Job id.
        public var id: Int
        /// The attempt the lease belongs to.
        public var attempt: Int
        /// A lease of job `id`, attempt `attempt`.
        public init(id: Int, attempt: Int) { self.id = id; self.attempt = attempt }
        /// The lease of a claimed job.
        public init(_ job: Job) { self.init(id: job.id, attempt: job.attempt) }
    }

    /// Extends the leases of `leases` held by `owner` to now + `leaseSeconds`, storing progress
    /// (`progress[i]` is a JSON object or nil to keep the stored one). Returns the ids still held;
    /// the others were rescued, cancelled or finished and must be abandoned. Rows are locked in id order,
    /// as ``complete(_:owner:progress:)`` locks them, so the two cannot deadlock.
    public func heartbeat(_ leases: [Lease], progress: [String?], owner: String, leaseSeconds: Double) throws(PostgresError) -> Set<Int> {
        guard !leases.isEmpty else { return [] }
        precondition(progress.count == leases.count, "one progress entry per lease")
        let rows = try connection.query("""
            UPDATE job SET lease_expires_at = now() + make_interval(secs => $4), updated_at = now(),
                progress = COALESCE(NULLIF(held.p, '')::jsonb, job.progress)
            FROM (SELECT job.id, t.p FROM job JOIN unnest($1::int8[], $2::int8[], $3::text[]) AS t(id, attempt, p)
                      ON job.id = t.id AND job.attempt = t.attempt
                  WHERE job.state = 'running' AND job.lease_owner = $5
                  ORDER BY job.id FOR UPDATE OF job) AS held
            WHERE job.id = held.id
            RETURNING job.id
            """, [leases.map(\.id), leases.map(\.attempt), progress.map { $0 ?? "" }, leaseSeconds, owner], name: "job_heartbeat")
        var held = Set<Int>()
        for row in rows.rows { held.insert(try row.decode(Int.self, "id")) }
        return held
    }

    /// Marks `leases` completed (one statement). Returns the ids completed; any other id was
    /// refused because the job is no longer this attempt's (rescued, cancelled). Rows are locked in id
    /// order, as a heartbeat locks them, so a worker's completion and heartbeat cannot deadlock.
    @discardableResult
    public func complete(_ leases: [Lease], owner: String, progress: [String?]? = nil) throws(PostgresError) -> Set<Int> {
        guard !leases.isEmpty else { return [] }
        let progressTexts = (progress ?? Array(repeating: nil, count: leases.count)).map { $0 ?? "" }
        let rows = try connection.query("""
            UPDATE job SET state = 'completed', finished_at = now(), updated_at = now(),
                lease_owner = NULL, lease_expires_at = NULL, progress = COALESCE(NULLIF(held.p, '')::jsonb, job.progress)
            FROM (SELECT job.id, t.p FROM job JOIN unnest($1::int8[], $2::int8[], $3::text[]) AS t(id, attempt, p)
                      ON job.id = t.id AND job.attempt = t.attempt
                  WHERE job.state = 'running' AND job.lease_owner = $4
                  ORDER BY job.id FOR UPDATE OF job) AS held
            WHERE job.id = held.id
            RETURNING job.id
            """, [leases.map(\.id), leases.map(\.attempt), progressTexts, owner], name: "job_complete")
        var done = Set<Int>()
        for row in rows.rows { done.insert(try row.decode(Int.self, "id")) }
        return done
    }
}
