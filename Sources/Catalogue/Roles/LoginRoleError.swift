import Store

/// Why ``LoginRoleQueries/ensureLoginRole(name:group:db:)`` refused or failed.
public enum LoginRoleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `name` is not a plain lower-case identifier (`[a-z_][a-z0-9_]*`, at most 63 characters).
    case invalidName(String)
    /// The role exists with more rights than its group allows (a superuser, a role that bypasses
    /// row-level security or may create roles or databases, or a member of another SLAM group): what
    /// runs as it would not be read-only.
    case tooPrivileged(role: String, group: LoginGroup, reason: String)
    /// The database refused a statement.
    case database(PostgresError)

    public var description: String {
        switch self {
        case let .invalidName(name):
            return "login role name '\(name)' is not a lower-case identifier ([a-z_][a-z0-9_]*, at most 63 characters)"
        case let .tooPrivileged(role, group, reason):
            return "role \(role) cannot be used for \(group.purpose): \(reason); use a role granted only \(group.rawValue) (docs/roles.md)"
        case let .database(error):
            return "creating the login role failed: \(error)"
        }
    }
}
