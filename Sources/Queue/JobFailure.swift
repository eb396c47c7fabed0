import Foundation
import Store

/// An error that knows whether running the job again can succeed.
///
/// ``JobOutcome/from(error:)`` retries a failure (with backoff, up to `max_attempts`) only when it is
/// transient: the database was unreachable, restarted, overloaded or chose this transaction as a
/// deadlock victim. A permanent failure (a missing file, a malformed payload, a schema mismatch, a
/// value the table cannot hold) would fail the same way again: its job goes `dead` at once with the
/// error kept, for an operator to fix the cause and `slam jobs retry` it.
public protocol JobFailure: Error {
    /// True when a later attempt may succeed.
    var isTransient: Bool { get }
    /// True when the failure is the lease fence's refusal (``JobContext/fence(_:)``): this attempt no
    /// longer holds the job, and the worker must write nothing for it.
    var isLeaseLost: Bool { get }
}

extension JobFailure {
    public var isLeaseLost: Bool { false }
}

extension PostgresError: JobFailure {
    /// Transient: the connection (class 08, admin or crash shutdown, cannot connect now), transaction
    /// rollbacks (class 40: serialization failure, deadlock), insufficient resources (class 53: disk
    /// full, out of memory, too many connections), lock not available (55P03), a cancelled statement
    /// (57014, e.g. a statement timeout under load), an idle-session timeout (57P05), system errors (class 58: I/O) and libpq protocol
    /// surprises. Everything else is permanent: syntax and undefined objects (class 42: the schema does
    /// not match the code), data exceptions (22), integrity violations (23), privileges (42501),
    /// feature not supported (0A), and values the code could not encode or decode.
    public var isTransient: Bool {
        if isConnectionProblem { return true }
        switch self {
        case let .server(state, _, _, _):
            return Self.transientClasses.contains(String(state.prefix(2))) || Self.transientStates.contains(state)
        case .connectionFailed, .connectionLost, .protocolViolation:
            return true
        case .copy, .encoding, .decoding, .unexpectedNull, .noSuchColumn, .noSuchRow, .noRows:
            return false
        }
    }

    static let transientClasses: Set<String> = ["08", "40", "53", "58"]
    static let transientStates: Set<String> = ["55P03", "57014", "57P01", "57P02", "57P03", "57P05"]
}

extension JobOutcome {
    /// Whether `error` is worth another attempt: ``JobFailure``s say so themselves; files that do not
    /// exist or cannot be read (Foundation's file errors, POSIX `ENOENT`, `EACCES`, `ENOTDIR`, `EISDIR`)
    /// are permanent; anything else is taken as transient, since an unknown failure may be the machine's.
    static func isTransient(_ error: any Error) -> Bool {
        if let failure = error as? any JobFailure { return failure.isTransient }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile, .fileReadNoPermission, .fileReadInvalidFileName,
                 .fileReadCorruptFile, .fileReadUnsupportedScheme, .fileReadInapplicableStringEncoding,
                 .coderReadCorrupt, .coderValueNotFound, .coderInvalidValue:
                return false
            default:
                return true
            }
        }
        if error is DecodingError || error is EncodingError { return false }
        if let posix = error as? POSIXError {
            return ![.ENOENT, .EACCES, .ENOTDIR, .EISDIR, .ENAMETOOLONG, .ELOOP].contains(posix.code)
        }
        return true
    }
}
