import Catalogue
import CatalogueTestSupport
import Foundation
import Store
import StoreTestSupport
import Testing

/// The login roles of the read-only services: the TAP role, created by the superuser and granted only
/// `slam_tap`, reads the published schema and TAP_SCHEMA and nothing else; the pages' role, granted only
/// `slam_reader`, reads every table; neither writes anything.
@Suite("Login role queries")
struct LoginRoleQueriesTests {
    /// Drops the cluster-wide roles `names` (tests share the server).
    static func drop(_ names: [String], database: TestDatabase) async {
        _ = try? await database.withConnection { db in
            for name in names {
                try db.execute("DROP ROLE IF EXISTS \(identifier: name)")
            }
        }
    }

    /// What `statement` does for the login: nil when it succeeds, else its SQLSTATE.
    static func outcome(_ statement: String, db: PostgresConnection) throws -> String? {
        try db.executeScript("BEGIN", name: "begin")
        defer { _ = try? db.executeScript("ROLLBACK", name: "rollback") }
        do {
            try db.executeScript(statement, name: "tap statement")
            return nil
        } catch {
            return error.sqlState ?? "\(error)"
        }
    }

    @Test func aLoginGrantedSlamTapReadsThePublishedSchemaOnly() async throws {
        let login = "t_tap_\(UInt32.random(in: 0...UInt32.max))"
        try await TestDatabase.withFresh { database in
            do {
                try await database.withConnection { db in
                    _ = try CatalogueWorld.readyModel(db)
                    #expect(try LoginRoleQueries.ensureLoginRole(name: login, group: .tap, db: db))
                    #expect(try !LoginRoleQueries.ensureLoginRole(name: login, group: .tap, db: db))
                    _ = try TapJobQueries.create(parameters: [:], upload: nil, destruction: Date(timeIntervalSince1970: 1_900_000_000),
                                                 executionDuration: 0, owner: nil, db: db)
                }
                let factory = PostgresConnectionFactory(configuration: database.configuration.withUser(login))
                try await factory.withConnection { db in
                    #expect(try db.query("SELECT current_user").first?.decode(String.self, at: 0) == login)
                    var observed: [String: String] = [:]
                    let statements: [(String, String?)] = [
                        ("SELECT * FROM slam.labels", nil),
                        ("SELECT * FROM slam.labels_history", nil),
                        ("SELECT * FROM slam.spectra", nil),
                        ("SELECT * FROM slam.models", nil),
                        ("SELECT * FROM slam.model_precision", nil),
                        ("SELECT * FROM slam.flag_bits", nil),
                        ("SELECT * FROM tap_schema.schemas, tap_schema.tables, tap_schema.columns, tap_schema.keys, tap_schema.key_columns", nil),
                        ("SELECT q3c_dist(10, 20, 10.001, 20)", nil),
                        ("SELECT * FROM public.lamost_spectrum", "42501"),
                        ("SELECT * FROM prediction", "42501"),
                        ("SELECT * FROM model", "42501"),
                        ("SELECT * FROM labels_current", "42501"),
                        ("SELECT * FROM job", "42501"),
                        ("SELECT * FROM tap_job", "42501"),
                        ("SELECT * FROM tap_result_chunk", "42501"),
                        ("SELECT * FROM tap_schema_column_meta", "42501"),
                        ("INSERT INTO slam.spectra (obsid, ra, dec) VALUES (99, 1, 1)", "42501"),
                        ("UPDATE slam.flag_bits SET name = 'x'", "42501"),
                        ("DELETE FROM slam.spectra", "42501"),
                        // A view of joins is not insertable at all: refused before privileges are checked.
                        ("INSERT INTO slam.labels (obsid) VALUES (1)", "55000"),
                        ("DELETE FROM tap_schema.columns", "42501"),
                        ("CREATE TABLE t_tap (x int)", "42501"),
                        ("CREATE TABLE slam.t_tap (x int)", "42501"),
                        ("CREATE VIEW tap_schema.t_tap AS SELECT 1", "42501"),
                        ("SELECT slam_refresh_tap_schema()", "42501"),
                        // An uploaded table (TAP_UPLOAD) is a temporary table of the session, created before the
                        // query's READ ONLY transaction, which refuses it (25006).
                        ("CREATE TEMPORARY TABLE upload_t AS SELECT 7::bigint AS obsid", nil),
                        ("SET TRANSACTION READ ONLY; CREATE TEMPORARY TABLE upload_r (obsid bigint)", "25006"),
                    ]
                    for (statement, _) in statements {
                        observed[statement] = try Self.outcome(statement, db: db) ?? "ok"
                    }
                    for (statement, expected) in statements {
                        #expect(observed[statement] == (expected ?? "ok"), "\(statement)")
                    }
                    #expect(try db.query("SELECT count(*) FROM slam.spectra").first?.decode(Int.self, at: 0) == 4)
                    #expect(try TapSchemaQueries.publishedTables(db: db).count == 11)
                }
            } catch {
                await Self.drop([login], database: database)
                throw error
            }
            await Self.drop([login], database: database)
        }
    }

    @Test func aRoleWithMoreRightsOrABadNameIsRefused() async throws {
        let reader = "t_tapreader_\(UInt32.random(in: 0...UInt32.max))"
        try await TestDatabase.withFresh { database in
            do {
                try await database.withConnection { db in
                    try db.execute("CREATE ROLE \(identifier: reader) LOGIN")
                    try db.execute("GRANT slam_reader TO \(identifier: reader)")
                    #expect(throws: LoginRoleError.tooPrivileged(role: reader, group: .tap, reason: "it is a member of slam_reader")) {
                        try LoginRoleQueries.ensureLoginRole(name: reader, group: .tap, db: db)
                    }
                    let admin = try #require(try db.query("SELECT current_user::text").first?.decode(String.self, at: 0))
                    #expect(throws: LoginRoleError.tooPrivileged(role: admin, group: .tap, reason: "it is a superuser; it bypasses row-level security; it may create roles; it may create databases; it is a member of slam_operator, slam_owner, slam_reader, slam_worker")) {
                        try LoginRoleQueries.ensureLoginRole(name: admin, group: .tap, db: db)
                    }
                    // The pages' role may be a reader, but not a worker.
                    #expect(try LoginRoleQueries.ensureLoginRole(name: reader, group: .reader, db: db) == false)
                    try db.execute("GRANT slam_worker TO \(identifier: reader)")
                    #expect(throws: LoginRoleError.tooPrivileged(role: reader, group: .reader, reason: "it is a member of slam_worker")) {
                        try LoginRoleQueries.ensureLoginRole(name: reader, group: .reader, db: db)
                    }
                    for name in ["Alice", "a-b", "a b", "", "x; DROP TABLE job", String(repeating: "a", count: 64), "1abc"] {
                        #expect(throws: LoginRoleError.invalidName(name)) { try LoginRoleQueries.ensureLoginRole(name: name, group: .tap, db: db) }
                    }
                    // Nothing was granted on the way.
                    #expect(try db.query("SELECT pg_has_role(\(reader)::name, 'slam_tap'::name, 'MEMBER')").first?.decode(Bool.self, at: 0) == false)
                }
            } catch {
                await Self.drop([reader], database: database)
                throw error
            }
            await Self.drop([reader], database: database)
        }
    }

    @Test func aLoginGrantedSlamReaderReadsEveryTableAndWritesNothing() async throws {
        let login = "t_pages_\(UInt32.random(in: 0...UInt32.max))"
        try await TestDatabase.withFresh { database in
            do {
                try await database.withConnection { db in
                    _ = try CatalogueWorld.readyModel(db)
                    #expect(try LoginRoleQueries.ensureLoginRole(name: login, group: .reader, db: db))
                    #expect(try !LoginRoleQueries.ensureLoginRole(name: login, group: .reader, db: db))
                }
                let factory = PostgresConnectionFactory(configuration: database.configuration.withUser(login))
                try await factory.withConnection { db in
                    let statements: [(String, String?)] = [
                        ("SELECT * FROM lamost_spectrum", nil),
                        ("SELECT * FROM prediction", nil),
                        ("SELECT * FROM job", nil),
                        ("SELECT * FROM labels_current", nil),
                        ("SELECT * FROM rejection", nil),
                        ("UPDATE lamost_spectrum SET designation = 'x'", "42501"),
                        ("DELETE FROM job", "42501"),
                        ("INSERT INTO flag_bits (bit, name, description) VALUES (30, 'x', 'y')", "42501"),
                        ("CREATE TABLE t_pages (x int)", "42501"),
                    ]
                    for (statement, expected) in statements {
                        let observed = try Self.outcome(statement, db: db)
                        #expect(observed == expected, "\(statement)")
                    }
                }
            } catch {
                await Self.drop([login], database: database)
                throw error
            }
            await Self.drop([login], database: database)
        }
    }
}
