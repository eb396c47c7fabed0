import Store

/// Why ``TapRoleQueries/ensureLoginRole(name:db:)`` refused or failed.
public enum TapRoleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `name` is not a plain lower-case identifier (`[a-z_][a-z0-9_]*`, at most 63 characters).
    case invalidName(String)
    /// The role exists with more rights than TAP queries may have (a superuser, a role that bypasses
    /// row-level security or may create roles or databases, or a member of another SLAM group): queries
    /// run as it would not be read-only.
    case tooPrivileged(role: String, reason: String)
    /// The database refused a statement.
    case database(PostgresError)

    public var description: String {
        switch self {
        case let .invalidName(name):
            return "TAP login role name '\(name)' is not a lower-case identifier ([a-z_][a-z0-9_]*, at most 63 characters)"
        case let .tooPrivileged(role, reason):
            return "role \(role) cannot run TAP queries: \(reason); use a role granted only slam_tap (docs/roles.md)"
        case let .database(error):
            return "creating the TAP login role failed: \(error)"
        }
    }
}
