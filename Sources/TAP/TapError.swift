import ADQL
import Store

/// Why a TAP request was refused or failed, with the HTTP status it is answered with. The message is
/// what the client reads in the error VOTable (`QUERY_STATUS` = `ERROR`, DALI 1.1 section 4.4.3).
public enum TapError: Error, Sendable, CustomStringConvertible {
    /// A parameter is missing, unknown in value, or malformed (HTTP 400).
    case invalidParameter(name: String, reason: String)
    /// The ADQL did not parse or translate: the message names the construct, with its line and column (HTTP 400).
    case invalidQuery(ADQLError)
    /// The database refused the statement as the client wrote it: a type error, a division by zero,
    /// the statement timeout, a permission (HTTP 400: the query, not the service, is at fault).
    case queryFailed(sqlState: String, message: String)
    /// The service could not run the query: connection lost, an unexpected column type (HTTP 500).
    case serviceFailure(String)
    /// The request names something the service does not serve (HTTP 404).
    case notFound(String)

    /// The HTTP status code to answer with.
    public var httpStatus: Int {
        switch self {
        case .invalidParameter, .invalidQuery, .queryFailed: return 400
        case .serviceFailure: return 500
        case .notFound: return 404
        }
    }

    public var description: String {
        switch self {
        case let .invalidParameter(name, reason): return "parameter \(name): \(reason)"
        case let .invalidQuery(error): return "ADQL error at \(error)"
        case let .queryFailed(sqlState, message): return "query failed (SQLSTATE \(sqlState)): \(message)"
        case let .serviceFailure(message): return "service failure: \(message)"
        case let .notFound(what): return "not found: \(what)"
        }
    }

    /// A database error while running a client's query: errors of the statement (syntax, data,
    /// privileges, the timeout: SQLSTATE classes 22, 42, 57014, 25006) blame the query; the rest the service.
    static func from(_ error: PostgresError) -> TapError {
        if case let .server(state, message, _, _) = error {
            let clientClasses = ["0A", "22", "42", "23", "25", "2B", "54"]
            if clientClasses.contains(String(state.prefix(2))) || state == "57014" {
                let reason = state == "57014" ? "the query ran longer than the service's statement timeout" : message
                return .queryFailed(sqlState: state, message: reason)
            }
        }
        return .serviceFailure("\(error)")
    }
}
