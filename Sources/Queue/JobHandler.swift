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
    /// Checks, before a job of this kind is stored (e.g. by a schedule), that `payload` is one this handler
    /// runs: throws ``JobHandlerError/malformedPayload(kind:reason:)`` naming the field otherwise. Default:
    /// any JSON object (``TypedJobHandler``s decode and validate their payload).
    func validatePayload(_ payload: JSONB) throws(JobHandlerError)
}

extension JobHandler {
    public func validatePayload(_ payload: JSONB) throws(JobHandlerError) {
        do {
            _ = try payload.decode([String: AnyJSONValue].self)
        } catch {
            throw .malformedPayload(kind: kind, reason: JobHandlerError.describe(error))
        }
    }
}

/// Any JSON value, not kept (a payload is only required to be an object).
private struct AnyJSONValue: Decodable {
    init(from decoder: any Decoder) throws {}
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

    /// Checks `payload` for a job of `kind` before it is stored (``JobHandler/validatePayload(_:)``): throws
    /// ``JobHandlerError/unknownKind(_:)`` when no handler runs `kind`.
    public func validatePayload(_ payload: JSONB, kind: String) throws(JobHandlerError) {
        guard let handler = handlers[kind] else { throw .unknownKind(kind) }
        try handler.validatePayload(payload)
    }

    /// Registered kinds, sorted.
    public var kinds: [String] { handlers.keys.sorted() }

    /// The test/demo kinds: `noop`, `sleep` (`{"seconds": x}`) and `fail` (`{"message": "...", "permanent": false}`).
    public static var builtin: JobHandlerRegistry {
        JobHandlerRegistry([NoopJobHandler(), SleepJobHandler(), FailJobHandler()])
    }
}
