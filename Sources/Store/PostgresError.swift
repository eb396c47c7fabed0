/// Everything that can go wrong talking to PostgreSQL through ``PostgresConnection``.
///
/// Messages never contain a password or a full conninfo string: targets are described by
/// ``PostgresConfiguration/redactedDescription`` (user, host, port, database only).
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached or refused the connection (`target` is redacted).
    case connectionFailed(target: String, message: String)
    /// The connection broke during a command (server restart, `pg_terminate_backend`, network).
    /// Reconnect (``PostgresConnection/reconnect(policy:)``) and retry the unit of work.
    case connectionLost(statement: String, message: String)
    /// The server rejected a statement. `sqlState` is the five-character SQLSTATE
    /// (e.g. `23505` unique violation, `40001` serialization failure: retry).
    case server(sqlState: String, message: String, detail: String?, statement: String)
    /// A parameter could not be encoded as the PostgreSQL type the target needs.
    case encoding(value: String, targetType: UInt32, reason: String)
    /// A result column could not be decoded as the requested Swift type.
    case decoding(column: String, expected: String, actualType: UInt32, reason: String)
    /// A result column was NULL but the requested type is not optional.
    case unexpectedNull(column: String, expected: String)
    /// No column of that name (or index) in the result.
    case noSuchColumn(String, available: [String])
    /// A row index outside the result.
    case noSuchRow(Int, count: Int)
    /// A query that must return one row returned none.
    case noRows(statement: String)
    /// A COPY was misused (wrong column count) or the server ended it with an error.
    case copy(table: String, reason: String)
    /// Any other protocol-level surprise from libpq.
    case protocolViolation(String)

    public var description: String {
        switch self {
        case let .connectionFailed(target, message):
            return "cannot connect to PostgreSQL at \(target): \(message)"
        case let .connectionLost(statement, message):
            return "connection to PostgreSQL lost during \(statement): \(message)"
        case let .server(sqlState, message, detail, statement):
            let extra = detail.map { " (\($0))" } ?? ""
            return "PostgreSQL error \(sqlState) in \(statement): \(message)\(extra)"
        case let .encoding(value, targetType, reason):
            return "cannot encode \(value) as PostgreSQL type oid \(targetType): \(reason)"
        case let .decoding(column, expected, actualType, reason):
            return "column \"\(column)\": cannot decode PostgreSQL type oid \(actualType) as \(expected): \(reason)"
        case let .unexpectedNull(column, expected):
            return "column \"\(column)\" is NULL but \(expected) was expected"
        case let .noSuchColumn(name, available):
            return "no column \"\(name)\" in result (columns: \(available.joined(separator: ", ")))"
        case let .noSuchRow(index, count):
            return "row \(index) requested from a result of \(count) rows"
        case let .noRows(statement):
            return "\(statement) returned no rows"
        case let .copy(table, reason):
            return "COPY into \(table) failed: \(reason)"
        case let .protocolViolation(message):
            return "libpq protocol error: \(message)"
        }
    }

    /// SQLSTATE of a server error, or nil for other cases.
    public var sqlState: String? {
        if case let .server(state, _, _, _) = self { return state }
        return nil
    }

    /// True when the failure is the connection itself (reconnect and retry may help).
    public var isConnectionProblem: Bool {
        switch self {
        case .connectionFailed, .connectionLost: return true
        case let .server(state, _, _, _):
            // 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now,
            // class 08: connection exceptions.
            return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
        default: return false
        }
    }
}
