import Foundation
import Logging
import Store
import StoreTestSupport
import Testing

@Suite("MigrationRunner")
struct MigrationRunnerTests {
    static let files = [
        Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (id int PRIMARY KEY);"),
        Migration(version: 2, name: "0002_b.sql", sql: "CREATE TABLE b (id int); INSERT INTO b VALUES (1);"),
    ]

    @Test func freshApplyThenReapplyIsANoOp() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let runner = MigrationRunner(migrations: Self.files)
                #expect(try runner.migrate(connection).applied == ["0001_a.sql", "0002_b.sql"])
                let again = try runner.migrate(connection)
                #expect(again.applied.isEmpty && again.alreadyApplied == 2)
                #expect(try connection.query("SELECT count(*) AS n FROM b").first?.decode(Int.self, "n") == 1)
                let recorded = try connection.query("SELECT checksum FROM schema_migrations ORDER BY version").rows.map { try $0.decode(String.self, "checksum") }
                #expect(recorded == Self.files.map(\.checksum))
            }
        }
    }

    @Test func changedAppliedFileIsRefused() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try MigrationRunner(migrations: Self.files).migrate(connection)
                var edited = Self.files
                edited[0] = Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (id bigint PRIMARY KEY);")
                do {
                    try MigrationRunner(migrations: edited).migrate(connection)
                    Issue.record("expected a refusal")
                } catch let error as MigrationError {
                    guard case let .checksumMismatch(name, _, _) = error else { Issue.record("wrong error \(error)"); return }
                    #expect(name == "0001_a.sql")
                }
            }
        }
    }

    @Test func failingMigrationRollsBackAndStops() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let files = Self.files + [Migration(version: 3, name: "0003_bad.sql", sql: "CREATE TABLE c (id int); SELECT nope;")]
                #expect(throws: MigrationError.self) { try MigrationRunner(migrations: files).migrate(connection) }
                let absent = try connection.query("SELECT to_regclass('c') IS NULL AS absent").first?.decode(Bool.self, "absent")
                #expect(absent == true)
                #expect(try MigrationRunner(migrations: Self.files).appliedChecksums(connection).count == 2)
            }
        }
    }

    @Test func concurrentRunsDoNotCollide() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            let factory = db.factory
            let reports = try await withThrowingTaskGroup(of: MigrationRunner.Report.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await factory.withConnection { try MigrationRunner(migrations: Self.files).migrate($0) } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.map(\.applied.count).sorted() == [0, 0, 2])
        }
    }

    @Test func projectMigrationsApplyToTheTemplate() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let names = try connection.query("SELECT name FROM schema_migrations ORDER BY version").rows.map { try $0.decode(String.self, "name") }
                #expect(names.prefix(2) == ["0001_extensions.sql", "0002_job_queue.sql"])
                #expect(try connection.query("SELECT q3c_dist(0, 0, 0, 1) AS d").first?.decode(Double.self, "d") == 1)
            }
        }
    }

    /// Issue 16 item 10: a database migrated by the superuser takes its next migration from a login role
    /// granted `slam_owner` (before 0018: "must be owner of table schema_migrations"), and what that
    /// migration creates is owned by `slam_owner`, so that the next owner can change it too.
    @Test func aLoginRoleGrantedSlamOwnerAppliesTheNextMigration() async throws {
        try await TestDatabase.withFresh { db in
            let login = "t_owner_\(UInt32.random(in: 0...UInt32.max))"
            try await db.withConnection { try $0.executeScript("CREATE ROLE \(login) LOGIN; GRANT slam_owner TO \(login)", name: "create owner login") }
            let project = try Migration.load(from: try TestDatabase.migrationsDirectory())
            let next = Migration(version: 9000, name: "9000_owner_test.sql", sql: """
                CREATE TABLE t_next (id int PRIMARY KEY);
                COMMENT ON TABLE t_next IS 'Test table of the next migration';
                ALTER TABLE job ADD COLUMN t_next_note text;
                """)
            let asOwner = PostgresConnectionFactory(configuration: db.configuration.withUser(login), logger: Logger(label: "slam.test"))
            let outcome: Result<MigrationRunner.Report, any Error>
            do {
                outcome = .success(try await asOwner.withConnection { try MigrationRunner(migrations: project + [next]).migrate($0) })
            } catch {
                outcome = .failure(error)
            }
            try await db.withConnection { connection in
                try connection.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)", name: "drop owner login")
                if case let .failure(error) = outcome { Issue.record("migrating as a member of slam_owner: \(error)"); return }
                let owner = try connection.query("SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 't_next'::regclass")
                #expect(try owner.first?.decode(String.self, "owner") == "slam_owner")
                #expect(try connection.query("SELECT name FROM schema_migrations WHERE version = 9000").first?.decode(String.self, "name") == "9000_owner_test.sql")
            }
            #expect((try? outcome.get())?.applied == ["9000_owner_test.sql"])
        }
    }
}
