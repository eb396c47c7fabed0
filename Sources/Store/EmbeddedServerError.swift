/// Why the embedded PostgreSQL server could not be prepared, started or stopped.
public enum EmbeddedServerError: Error, Sendable, CustomStringConvertible {
    /// PostgreSQL 15's binaries are missing (install `postgresql-15`).
    case binariesMissing(directory: String)
    /// A helper program (`initdb`, `pg_ctl`, `chown`) failed; `output` is its last lines.
    case commandFailed(command: String, status: Int32, output: String)
    /// Running as root, the `postgres` system user cannot reach this directory.
    case directoryNotAccessible(path: String, hint: String)
    /// A file-system operation failed.
    case fileSystem(path: String, reason: String)
    /// The server started but did not accept connections.
    case notReachable(PostgresError)

    public var description: String {
        switch self {
        case let .binariesMissing(directory):
            return "PostgreSQL 15 binaries not found in \(directory) (apt-get install postgresql-15 postgresql-15-q3c postgresql-15-cron)"
        case let .commandFailed(command, status, output):
            return "\(command) exited with status \(status):\n\(output)"
        case let .directoryNotAccessible(path, hint):
            return "the postgres system user cannot reach \(path): \(hint)"
        case let .fileSystem(path, reason):
            return "\(path): \(reason)"
        case let .notReachable(error):
            return "embedded server started but is not reachable: \(error)"
        }
    }
}
