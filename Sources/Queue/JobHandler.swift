import Logging
import Store

/// Runs jobs of one kind. Registered in a ``JobHandlerRegistry`` that a ``Worker`` receives.
///
/// `run` is called on a dedicated worker-slot thread (never on the Swift cooperative pool), so it
/// may block (libpq) and compute for hours. It should call ``JobContext/checkCancellation()`` at
/// convenient points (e.g. between CV folds) and report progress; it returns on success and throws
/// on failure: ``JobHandlerError`` cases are not retried (dead at once), anything else is retried
/// with backoff until `max_attempts`.
public protocol JobHandler: Sendable {
    /// The job kind this handler runs (`job.kind`).
    var kind: String { get }
    /// Runs one job. Blocking is fine; see the protocol documentation for errors.
    func run(_ job: Job, context: JobContext) throws
}

/// Handlers by kind.
public struct JobHandlerRegistry: Sendable {
    private var handlers: [String: any JobHandler] = [:]

    /// A registry holding `handlers` (a later handler of the same kind wins).
    public init(_ handlers: [any JobHandler] = []) {
        for handler in handlers { register(handler) }
    }

    /// Adds (or replaces) the handler for `handler.kind`.
    public mutating func register(_ handler: any JobHandler) { handlers[handler.kind] = handler }

    /// The handler for `kind`, or nil.
    public func handler(for kind: String) -> (any JobHandler)? { handlers[kind] }

    /// Registered kinds, sorted.
    public var kinds: [String] { handlers.keys.sorted() }

    /// The test/demo kinds: `noop`, `sleep` (`{"seconds": x}`) and `fail` (`{"message": "...", "permanent": false}`).
    public static var builtin: JobHandlerRegistry {
        JobHandlerRegistry([NoopJobHandler(), SleepJobHandler(), FailJobHandler()])
    }
}
