import Store

/// A read-only SLAM group a service logs in as (docs/roles.md).
public enum LoginGroup: String, Sendable, CaseIterable {
    /// `slam_tap` (migration 0027): the published schema `slam` and `TAP_SCHEMA`; users' ADQL runs as it.
    case tap = "slam_tap"
    /// `slam_reader` (migration 0011): every table and view, read-only; the pages of `slam serve` run as it.
    case reader = "slam_reader"

    /// The login role `slam serve` and `slam worker` create and use on the embedded database.
    public var defaultLoginRole: String {
        switch self {
        case .tap: "slam_tap_login"
        case .reader: "slam_reader_login"
        }
    }

    /// What the role is for, in words (`TAP queries`, `the pages`).
    public var purpose: String {
        switch self {
        case .tap: "TAP queries"
        case .reader: "the pages"
        }
    }

    /// The SLAM group roles a login of this group must not be a member of.
    var otherGroups: [String] {
        ["slam_tap", "slam_reader", "slam_worker", "slam_operator", "slam_owner"].filter { $0 != rawValue }
    }
}

/// The login roles read-only services run as: TAP queries (`slam_tap`) and the pages (`slam_reader`). On a
/// shared server an administrator creates them with passwords; the embedded database's superuser creates
/// them here, without a password (the embedded server trusts local sockets).
public enum LoginRoleQueries {
    /// Creates `name` as a `LOGIN` role granted `group` when missing, and grants `group` to it when it
    /// exists without it; returns whether the role was created. Needs `CREATEROLE` (the embedded
    /// superuser). Refuses an existing role with more rights than `group`
    /// (``LoginRoleError/tooPrivileged(role:group:reason:)``) and a name that is not a plain lower-case
    /// identifier. Safe to run concurrently (a role created meanwhile counts as existing).
    @discardableResult
    public static func ensureLoginRole(name: String, group: LoginGroup, db: PostgresConnection) throws(LoginRoleError) -> Bool {
        guard isPlainIdentifier(name) else { throw .invalidName(name) }
        let created: Bool
        do {
            created = try createIfMissing(name, db: db)
        } catch {
            throw .database(error)
        }
        try checkPrivileges(name, group: group, db: db)
        do {
            try grantIfMissing(name, group: group, db: db)
        } catch {
            throw .database(error)
        }
        return created
    }

    /// Creates login role `name` unless it exists (or is created concurrently); returns whether it did.
    static func createIfMissing(_ name: String, db: PostgresConnection) throws(PostgresError) -> Bool {
        if try exists(name, db: db) { return false }
        let result = Result { () throws(PostgresError) in
            try db.execute("CREATE ROLE \(identifier: name) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT",
                           name: "login_role_create")
        }
        switch result {
        case .success: return true
        case let .failure(error) where error.sqlState == "42710" || error.sqlState == "23505": return false  // created concurrently
        case let .failure(error): throw error
        }
    }

    /// Grants `group` to `name` unless it is a member already.
    static func grantIfMissing(_ name: String, group: LoginGroup, db: PostgresConnection) throws(PostgresError) {
        let member = try db.query("SELECT pg_has_role(\(name)::name, \(group.rawValue)::name, 'MEMBER')", name: "login_role_is_member")
            .first?.decode(Bool.self, at: 0) ?? false
        if !member {
            try db.execute("GRANT \(identifier: group.rawValue) TO \(identifier: name)", name: "login_role_grant")
        }
    }

    /// Whether `name` is `[a-z_][a-z0-9_]*` with at most 63 characters.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63, first == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    static func exists(_ name: String, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.query("SELECT 1 FROM pg_roles WHERE rolname = \(name)", name: "login_role_exists").first != nil
    }

    /// Throws ``LoginRoleError/tooPrivileged(role:group:reason:)`` when `name` may do more than `group`.
    static func checkPrivileges(_ name: String, group: LoginGroup, db: PostgresConnection) throws(LoginRoleError) {
        let reasons: [String]
        do {
            reasons = try privilegeProblems(name, group: group, db: db)
        } catch {
            throw .database(error)
        }
        if !reasons.isEmpty { throw .tooPrivileged(role: name, group: group, reason: reasons.joined(separator: "; ")) }
    }

    /// What `name` may do beyond `group`, in words (empty: nothing).
    static func privilegeProblems(_ name: String, group: LoginGroup, db: PostgresConnection) throws(PostgresError) -> [String] {
        guard let row = try db.query("""
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                   ARRAY(SELECT g FROM unnest(\(group.otherGroups)::text[]) AS g
                         WHERE pg_has_role(r.oid, g::name, 'MEMBER') ORDER BY g) AS groups
            FROM pg_roles r WHERE r.rolname = \(name)
            """, name: "login_role_privileges").first else {
            throw .noRows(statement: "login_role_privileges")
        }
        var reasons: [String] = []
        if try row.decode(Bool.self, "rolsuper") { reasons.append("it is a superuser") }
        if try row.decode(Bool.self, "rolbypassrls") { reasons.append("it bypasses row-level security") }
        if try row.decode(Bool.self, "rolcreaterole") { reasons.append("it may create roles") }
        if try row.decode(Bool.self, "rolcreatedb") { reasons.append("it may create databases") }
        let groups = try row.decode([String].self, "groups")
        if !groups.isEmpty { reasons.append("it is a member of \(groups.joined(separator: ", "))") }
        return reasons
    }
}
