import Store

/// A job kind's arguments: the `job.payload` of every job of the kind ``kind``, stored as JSON.
///
/// A kind is one file in the module that runs it (as River's `JobArgs` with `Kind()`): this payload, the
/// function that enqueues it (with its unique key) and its handler, a ``TypedJobHandler`` of this type.
public protocol JobPayload: Codable, Sendable {
    /// The job kind (`job.kind`, `^[a-z][a-z0-9_.-]{0,63}$`) of jobs carrying this payload.
    static var kind: String { get }
    /// The kind of the job carrying this payload: ``kind``, unless the type serves several kinds (one per
    /// variant, e.g. a loader per catalogue kind), when the payload picks its own.
    var jobKind: String { get }
    /// The group the job belongs to (`job.group_key`), e.g. `model:5` for every job working on model 5,
    /// so that others may count its pending jobs (``JobQueue/pendingCount(kind:groupKey:states:)``) without
    /// reading payloads. Nil (the default): no group.
    var groupKey: String? { get }
}

extension JobPayload {
    public var jobKind: String { Self.kind }
    public var groupKey: String? { nil }
}

extension JobRequest {
    /// A request for a job carrying `payload`: its kind is `payload.jobKind`, its group `payload.groupKey`.
    /// Throws when the payload does not encode as JSON (a programming error of the payload type).
    public init<Payload: JobPayload>(_ payload: Payload, priority: Int = 0, maxAttempts: Int = 5, delaySeconds: Double = 0,
                                     uniqueKey: String? = nil, uniqueScope: JobUniqueScope = .forever) throws {
        self.init(kind: payload.jobKind, payload: try JSONB(encoding: payload), priority: priority, maxAttempts: maxAttempts,
                  delaySeconds: delaySeconds, uniqueKey: uniqueKey, uniqueScope: uniqueScope, groupKey: payload.groupKey)
    }
}
