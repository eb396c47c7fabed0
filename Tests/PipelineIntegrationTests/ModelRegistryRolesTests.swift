import Foundation
import Store
import StoreTestSupport
import Testing

/// Migration 0011: group roles for readers, workers and owners (narrowed by 0018: RolePrivilegeTests).
@Suite("Database roles")
struct ModelRegistryRolesTests {
    /// Creates a login role granted `group` and switches the connection to it (SET ROLE); returns its name.
    static func becomeMember(of group: String, _ db: PostgresConnection) throws -> String {
        let login = "t_login_\(UInt32.random(in: 0...UInt32.max))"
        try db.executeScript("CREATE ROLE \(login) LOGIN; GRANT \(group) TO \(login); SET ROLE \(login)", name: "login role")
        return login
    }

    /// Switches back and drops the login role (roles are cluster-wide).
    static func leave(_ login: String, _ db: PostgresConnection) {
        try? db.executeScript("RESET ROLE; DROP ROLE \(login)", name: "drop login role")
    }

    /// The SQLSTATE of running `sql` ("00000": it succeeded). The statements are raw INSERTs etc. on purpose:
    /// whether the role may run them is what these tests check.
    static func sqlState(_ db: PostgresConnection, _ sql: String) -> String? {
        do {
            try db.execute(sql)
            return "00000"
        } catch {
            return error.sqlState
        }
    }

    @Test func theRolesExistWithoutLoginAndWithComments() async throws {
        try await FreshDatabase.run { db in
            let rows = try db.query("""
                SELECT rolname, rolcanlogin, shobj_description(oid, 'pg_authid') FROM pg_roles
                WHERE rolname IN ('slam_reader', 'slam_worker', 'slam_owner') ORDER BY rolname
                """).rows
            #expect(try rows.map { try $0.decode(String.self, at: 0) } == ["slam_owner", "slam_reader", "slam_worker"])
            for row in rows {
                #expect(try row.decode(Bool.self, at: 1) == false)
                #expect(try row.decode(String?.self, at: 2)?.isEmpty == false)
            }
        }
    }

    @Test func aReaderCanQueryLabelsButNotWrite() async throws {
        try await FreshDatabase.run { db in
            let login = try Self.becomeMember(of: "slam_reader", db)
            defer { Self.leave(login, db) }
            do {
                #expect(try db.query("SELECT count(*) FROM labels_current").first?.decode(Int.self, at: 0) == 0)
                #expect(try db.query("SELECT count(*) FROM model_precision").first?.decode(Int.self, at: 0) == 0)
                #expect(Self.sqlState(db, "INSERT INTO prediction (model_id, obsid, labels, formal_errors, n_pixels, iterations, status) VALUES (1, 1, '{1}', '{1}', 1, 1, 'x')") == "42501")
                #expect(Self.sqlState(db, "DELETE FROM job") == "42501")
                #expect(Self.sqlState(db, "CREATE TABLE t_reader_table (x int)") == "42501")
            }
        }
    }

    @Test func aWorkerCanWriteRowsButNotChangeTheSchema() async throws {
        try await FreshDatabase.run { db in
            let login = try Self.becomeMember(of: "slam_worker", db)
            defer { Self.leave(login, db) }
            do {
                #expect(Self.sqlState(db, "INSERT INTO rejection (stage, source, reason_code, reason) VALUES ('predict', 'test', 'x', 'y')") == "00000")
                #expect(Self.sqlState(db, "UPDATE rejection SET reason = 'z'") == "42501", "workers write rejections, never edit them (0018)")
                #expect(Self.sqlState(db, "DELETE FROM rejection") == "00000")
                #expect(Self.sqlState(db, "CREATE TABLE t_worker_table (x int)") == "42501")
                #expect(Self.sqlState(db, "DROP TABLE prediction") == "42501")
            }
        }
    }

    @Test func theMigrationIsIdempotent() async throws {
        let sql = try String(contentsOf: TestDatabase.migrationsDirectory().appendingPathComponent("0011_roles.sql"), encoding: .utf8)
        try await FreshDatabase.run { db in
            try db.transaction { db in try db.executeScript(sql, name: "0011 again") }
            try db.transaction { db in try db.executeScript(sql, name: "0011 once more") }
            #expect(try db.query("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'slam\\_%'").first?.decode(Int.self, at: 0) ?? 0 >= 3)
        }
    }
}
