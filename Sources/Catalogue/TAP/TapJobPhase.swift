import Store

/// The UWS 1.1 phase of an asynchronous TAP job (`tap_job.phase`), and the one rule of which phase may follow
/// which. `HELD`, `SUSPENDED`, `UNKNOWN` and `ARCHIVED` are not used by this service.
public enum TapJobPhase: String, Sendable, CaseIterable {
    /// Created, parameters still changeable; waits for `PHASE=RUN`.
    case pending = "PENDING"
    /// Run requested: a queue job waits for a worker.
    case queued = "QUEUED"
    /// A worker runs the query.
    case executing = "EXECUTING"
    /// The result is stored (`tap_result_chunk`).
    case completed = "COMPLETED"
    /// The query or the job failed; `tap_job.error_message` says why.
    case error = "ERROR"
    /// Aborted by the user (`PHASE=ABORT`) or by the service.
    case aborted = "ABORTED"

    /// The phase stored as `text`; a value outside the table's CHECK is a decoding error.
    public init(text: String, column: String = "phase") throws(PostgresError) {
        guard let phase = TapJobPhase(rawValue: text) else {
            throw .decoding(column: column, expected: "UWS phase", actualType: PostgresType.text.oid, reason: "unknown phase '\(text)'")
        }
        self = phase
    }

    /// Whether the job has ended (nothing may follow).
    public var isFinal: Bool { self == .completed || self == .error || self == .aborted }

    /// The phases a job may move to `self` from: PENDING → QUEUED → EXECUTING → COMPLETED; ERROR and ABORTED
    /// from any phase that has not ended; nothing leaves COMPLETED, ERROR or ABORTED, and nothing returns to
    /// PENDING.
    public var predecessors: [TapJobPhase] {
        switch self {
        case .pending: []
        case .queued: [.pending]
        case .executing: [.queued]
        case .completed: [.executing]
        case .error, .aborted: [.pending, .queued, .executing]
        }
    }

    /// Whether a job in phase `self` may move to `next`.
    public func canMove(to next: TapJobPhase) -> Bool {
        next.predecessors.contains(self)
    }
}
