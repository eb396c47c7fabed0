/// Why `slam migrate` refused or failed.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// No migrations directory was given or found (`searched` lists where we looked).
    case directoryNotFound(searched: [String])
    /// The directory could not be read.
    case unreadable(path: String, reason: String)
    /// A file name does not follow `NNNN_name.sql`, or two files share a version.
    case badFileName(String, reason: String)
    /// An applied migration's file changed since it was applied: fix forward with a new file.
    case checksumMismatch(name: String, applied: String, current: String)
    /// The database records an applied migration that is not in the directory.
    case unknownApplied(name: String)
    /// A migration failed; it was rolled back and nothing after it ran.
    case failed(name: String, underlying: PostgresError)

    public var description: String {
        switch self {
        case let .directoryNotFound(searched):
            return "no migrations directory found (use --migrations DIR or SLAM_MIGRATIONS_DIR); searched: \(searched.joined(separator: ", "))"
        case let .unreadable(path, reason):
            return "cannot read migrations from \(path): \(reason)"
        case let .badFileName(name, reason):
            return "migration file \(name): \(reason)"
        case let .checksumMismatch(name, applied, current):
            return "migration \(name) was changed after it was applied (applied checksum \(applied.prefix(12))..., file now \(current.prefix(12))...); never edit an applied migration, add a new one"
        case let .unknownApplied(name):
            return "the database has migration \(name) applied, but it is not in the migrations directory (older checkout?)"
        case let .failed(name, underlying):
            return "migration \(name) failed and was rolled back: \(underlying)"
        }
    }
}
