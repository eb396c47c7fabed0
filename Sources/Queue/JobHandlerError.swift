/// Failures a handler (or the worker) reports that retrying cannot fix, plus interruption.
///
/// A job whose handler throws ``unknownKind(_:)``, ``malformedPayload(kind:reason:)`` or
/// ``permanent(_:)`` goes straight to `dead` (the error kept), whatever attempts remain: the same
/// input would fail the same way. Any other error thrown by a handler is retried with backoff
/// until `max_attempts`. ``interrupted`` means the handler stopped because
/// ``JobContext/isCancelled`` became true: on graceful shutdown the job is released back to
/// `available` without consuming an attempt.
public enum JobHandlerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No handler is registered for the job's kind.
    case unknownKind(String)
    /// The payload does not decode as the kind's arguments.
    case malformedPayload(kind: String, reason: String)
    /// Any other failure that will not go away by retrying.
    case permanent(String)
    /// The handler stopped early because the job was cancelled, lost or the worker shuts down.
    case interrupted

    public var description: String {
        switch self {
        case let .unknownKind(kind): return "no handler registered for job kind \"\(kind)\""
        case let .malformedPayload(kind, reason): return "malformed payload for job kind \"\(kind)\": \(reason)"
        case let .permanent(message): return message
        case .interrupted: return "interrupted"
        }
    }

    /// False for every case: these errors are never retried.
    public var isRetryable: Bool { false }
}
