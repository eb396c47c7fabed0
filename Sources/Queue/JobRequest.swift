import Foundation
import Store

/// How long a job's ``JobRequest/uniqueKey`` stays taken.
public enum JobUniqueScope: String, Sendable {
    /// Unique among `available` and `running` jobs: once the job finishes (completed, dead or
    /// cancelled) the same key can be enqueued again. For "at most one pending refresh".
    case active
    /// Unique across all jobs in every state, forever: re-enqueuing the same work is a no-op even
    /// after it completed (or died: use `slam jobs retry` for that). For ingest-by-checksum and
    /// schedule fire times.
    case forever
}

/// A job to enqueue.
public struct JobRequest: Sendable {
    /// Handler name (`^[a-z][a-z0-9_.-]{0,63}$`).
    public var kind: String
    /// Handler arguments: a JSON object.
    public var payload: JSONB
    /// Higher runs first (-1000...1000).
    public var priority: Int
    /// Attempts before the job is dead (1...1000).
    public var maxAttempts: Int
    /// Delay before the job may run, seconds (0: now).
    public var delaySeconds: Double
    /// Optional de-duplication key; see ``uniqueScope``.
    public var uniqueKey: String?
    /// How long ``uniqueKey`` stays taken.
    public var uniqueScope: JobUniqueScope
    /// Optional group (`job.group_key`, 1...256 characters), e.g. the model the job works on; see
    /// ``JobPayload/groupKey`` and ``JobQueue/pendingCount(kind:groupKey:states:)``.
    public var groupKey: String?

    /// A request; by default priority 0, 5 attempts, runnable now, no unique key, no group.
    public init(kind: String, payload: JSONB = JSONB("{}"), priority: Int = 0, maxAttempts: Int = 5,
                delaySeconds: Double = 0, uniqueKey: String? = nil, uniqueScope: JobUniqueScope = .forever,
                groupKey: String? = nil) {
        self.kind = kind
        self.payload = payload
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.delaySeconds = delaySeconds
        self.uniqueKey = uniqueKey
        self.uniqueScope = uniqueScope
        self.groupKey = groupKey
    }
}

/// The result of an enqueue.
public struct EnqueueResult: Sendable, Equatable {
    /// The new job's id, or the existing job's id when the unique key was taken (nil if that job
    /// could not be found any more).
    public var id: Int?
    /// False when the unique key was already taken and nothing was inserted.
    public var inserted: Bool
}
