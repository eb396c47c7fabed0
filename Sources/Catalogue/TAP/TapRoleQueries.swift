import Store

/// The login role TAP queries run as (migration 0027, docs/roles.md): a `LOGIN` role granted only the
/// read-only group `slam_tap`. On a shared server an administrator creates it with a password; the embedded
/// database's superuser creates it here, without a password (the embedded server trusts local sockets).
public enum TapRoleQueries {
    /// The name `slam serve` and `slam worker` use on the embedded database.
    public static let defaultLoginRole = "slam_tap_login"

    /// The SLAM group roles a TAP login must not be a member of.
    static let otherGroups = ["slam_reader", "slam_worker", "slam_operator", "slam_owner"]

    /// Creates `name` as a `LOGIN` role granted `slam_tap` when missing, and grants `slam_tap` to it when it
    /// exists without it; returns whether the role was created. Needs `CREATEROLE` (the embedded
    /// superuser). Refuses an existing role with more rights than `slam_tap` (``TapRoleError/tooPrivileged(role:reason:)``)
    /// and a name that is not a plain lower-case identifier. Safe to run concurrently (a role created
    /// meanwhile counts as existing).
    @discardableResult
    public static func ensureLoginRole(name: String, db: PostgresConnection) throws(TapRoleError) -> Bool {
        guard isPlainIdentifier(name) else { throw .invalidName(name) }
        let created: Bool
        do {
            created = try createIfMissing(name, db: db)
        } catch {
            throw .database(error)
        }
        try checkPrivileges(name, db: db)
        do {
            try grantIfMissing(name, db: db)
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
                           name: "tap_login_create")
        }
        switch result {
        case .success: return true
        case let .failure(error) where error.sqlState == "42710" || error.sqlState == "23505": return false  // created concurrently
        case let .failure(error): throw error
        }
    }

    /// Grants `slam_tap` to `name` unless it is a member already.
    static func grantIfMissing(_ name: String, db: PostgresConnection) throws(PostgresError) {
        let member = try db.query("SELECT pg_has_role(\(name)::name, 'slam_tap'::name, 'MEMBER')", name: "tap_login_is_member")
            .first?.decode(Bool.self, at: 0) ?? false
        if !member {
            try db.execute("GRANT slam_tap TO \(identifier: name)", name: "tap_login_grant")
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
        try db.query("SELECT 1 FROM pg_roles WHERE rolname = \(name)", name: "tap_login_exists").first != nil
    }

    /// Throws ``TapRoleError/tooPrivileged(role:reason:)`` when `name` may do more than `slam_tap`.
    static func checkPrivileges(_ name: String, db: PostgresConnection) throws(TapRoleError) {
        let reasons: [String]
        do {
            reasons = try privilegeProblems(name, db: db)
        } catch {
            throw .database(error)
        }
        if !reasons.isEmpty { throw .tooPrivileged(role: name, reason: reasons.joined(separator: "; ")) }
    }

    /// What `name` may do beyond `slam_tap`, in words (empty: nothing).
    static func privilegeProblems(_ name: String, db: PostgresConnection) throws(PostgresError) -> [String] {
        guard let row = try db.query("""
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                   ARRAY(SELECT g FROM unnest(\(otherGroups)::text[]) AS g
                         WHERE pg_has_role(r.oid, g::name, 'MEMBER') ORDER BY g) AS groups
            FROM pg_roles r WHERE r.rolname = \(name)
            """, name: "tap_login_privileges").first else {
            throw .noRows(statement: "tap_login_privileges")
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
