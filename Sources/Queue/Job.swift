import Foundation
import Store

/// The lifecycle state of a job (`job.state`).
public enum JobState: String, Sendable, CaseIterable, Codable {
    /// Waiting to be claimed once `run_after` has passed.
    case available
    /// Claimed by a worker, under a lease.
    case running
    /// Finished successfully.
    case completed
    /// Failed its last attempt, or failed in a way retrying cannot help; errors are kept.
    case dead
    /// Cancelled by a user (`slam jobs cancel`).
    case cancelled
}

/// A row of `job`, as claimed by a worker or shown by `slam jobs show`.
public struct Job: Sendable, Equatable {
    /// Job id.
    public var id: Int
    /// Handler name.
    public var kind: String
    /// The handler's arguments (a JSON object).
    public var payload: JSONB
    /// Higher runs first.
    public var priority: Int
    /// Lifecycle state.
    public var state: JobState
    /// Attempts started so far, including the current one while running (1-based).
    public var attempt: Int
    /// Attempts allowed before the job is dead.
    public var maxAttempts: Int
    /// Earliest time the job may run.
    public var runAfter: Date
    /// Worker holding the job while running.
    public var leaseOwner: String?
    /// Lease end while running.
    public var leaseExpiresAt: Date?
    /// Most recent failure message.
    public var lastError: String?
    /// Failure history: a JSON array of `{attempt, at, error, worker}`.
    public var errors: JSONB
    /// De-duplication key, if any.
    public var uniqueKey: String?
    /// The job's group (e.g. `model:5`), if any: see ``JobPayload/groupKey``.
    public var groupKey: String?
    /// `{"done": n, "total": n}` as last reported.
    public var progress: JSONB
    /// Enqueue time.
    public var createdAt: Date
    /// When it became completed, dead or cancelled.
    public var finishedAt: Date?

    /// Decodes the payload as `T`; throws ``JobHandlerError/malformedPayload(kind:reason:)`` naming
    /// the kind and the decoding problem (such a job is dead at once: retrying cannot help).
    public func decodePayload<T: Decodable>(_ type: T.Type) throws(JobHandlerError) -> T {
        do {
            return try payload.decode(type)
        } catch {
            throw .malformedPayload(kind: kind, reason: "\(error)")
        }
    }

    /// The columns ``init(row:)`` reads, for `SELECT`/`RETURNING` lists.
    static let columns = """
        job.id, job.kind, job.payload, job.priority, job.state, job.attempt, job.max_attempts, job.run_after,
        job.lease_owner, job.lease_expires_at, job.last_error, job.errors, job.unique_key, job.group_key, job.progress,
        job.created_at, job.finished_at
        """
}

extension Job {
    /// Reads a `job` row selected with ``columns``. In an extension so the memberwise initialiser
    /// stays available (tests build jobs without a row).
    init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode(Int.self, "id")
        kind = try row.decode(String.self, "kind")
        payload = try row.decode(JSONB.self, "payload")
        priority = try row.decode(Int.self, "priority")
        let stateName = try row.decode(String.self, "state")
        guard let state = JobState(rawValue: stateName) else {
            throw .decoding(column: "state", expected: "JobState", actualType: PostgresType.text.oid, reason: "unknown state \(stateName)")
        }
        self.state = state
        attempt = try row.decode(Int.self, "attempt")
        maxAttempts = try row.decode(Int.self, "max_attempts")
        runAfter = try row.decode(Date.self, "run_after")
        leaseOwner = try row.decode(String?.self, "lease_owner")
        leaseExpiresAt = try row.decode(Date?.self, "lease_expires_at")
        lastError = try row.decode(String?.self, "last_error")
        errors = try row.decode(JSONB.self, "errors")
        uniqueKey = try row.decode(String?.self, "unique_key")
        groupKey = try row.decode(String?.self, "group_key")
        progress = try row.decode(JSONB.self, "progress")
        createdAt = try row.decode(Date.self, "created_at")
        finishedAt = try row.decode(Date?.self, "finished_at")
    }
}
