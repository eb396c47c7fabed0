import ADQL
import Catalogue
import Formats
import Store
import StoreTestSupport
import Testing
@testable import TAP

/// The parser is not the security boundary: statements the translator would never write, run through
/// ``TapQueryCursor`` as the TAP login role, are refused by the role's privileges (42501) or by the READ ONLY
/// transaction (class 25), and change nothing.
@Suite struct TapRoleBoundaryTests {
    /// A plan whose statement is `sql` as is, with one result column.
    static func plan(_ sql: String) -> TapQueryPlan {
        TapQueryPlan(translation: ADQLTranslation(fragments: [.sql(sql)],
                                                  columns: [ADQLOutputColumn(name: "x", table: nil, column: nil, type: .unknown)],
                                                  limit: 10),
                     tables: [])
    }

    /// Runs `sql` through a cursor as the login role: its rows, or the error.
    static func run(_ sql: String, _ database: TestDatabase, timeoutMilliseconds: Int = 10_000) async throws -> Result<[[VOTableValue]], TapError> {
        let factory = TapTestCatalogue.tapFactory(database)
        let plan = Self.plan(sql)
        return try await BlockingThread.run { () throws -> Result<[[VOTableValue]], TapError> in
            let connection = try factory.connect()
            return Result { () throws(TapError) -> [[VOTableValue]] in
                let cursor = try TapQueryCursor(plan: plan, connection: connection, statementTimeoutMilliseconds: timeoutMilliseconds)
                var rows: [[VOTableValue]] = []
                while let page = try cursor.nextPage() { rows += page }
                cursor.close()
                return rows
            }
        }
    }

    /// What the superuser sees of the things a write would change.
    static func state(_ database: TestDatabase) async throws -> [[VOTableValue]] {
        try await TapTestCatalogue.sqlRows(database, """
            SELECT (SELECT count(*) FROM job) AS jobs, (SELECT last_value FROM job_id_seq) AS sequence,
                   (SELECT count(*) FROM tap_schema.columns) AS columns, (SELECT count(*) FROM pg_largeobject_metadata) AS objects,
                   (SELECT count(*) FROM prediction) AS predictions
            """)
    }

    @Test func theCursorRunsAsTheLoginInAReadOnlyTransaction() async throws {
        try await TapTestCatalogue.withCatalogue { database in
            let who = try await Self.run("SELECT current_user::text || ' ' || current_setting('transaction_read_only')", database)
            #expect(try who.get() == [[.text("\(TapTestCatalogue.loginRole) on")]])
            let count = try await Self.run("SELECT count(*) FROM slam.labels", database)
            #expect(try count.get() == [[.integer(Int64(TapTestCatalogue.stars.count))]])
        }
    }

    @Test(arguments: [
        "SELECT count(*) FROM public.job",
        "SELECT count(*) FROM public.prediction",
        "SELECT count(*) FROM tap_schema_column_meta",
        "SELECT nextval('public.job_id_seq')",
        "SELECT slam_refresh_tap_schema()",
        "SELECT set_config('transaction_read_only', 'off', false)",
    ])
    func whatTheRoleMayNotDoIsRefusedAndChangesNothing(sql: String) async throws {
        try await Self.expectRefusedAndNothingChanged(sql) { $0 == "42501" || $0.hasPrefix("25") }
    }

    /// Runs `sql` as the TAP login on a filled catalogue with one job row: it must fail as a refused query
    /// (HTTP 400) with a SQLSTATE `accepted` takes, and leave the job and prediction tables as they were.
    static func expectRefusedAndNothingChanged(_ sql: String, accepted: @Sendable (String) -> Bool,
                                               sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await TapTestCatalogue.withCatalogue { database in
            try await database.withConnection { db in _ = try db.execute("INSERT INTO job (kind) VALUES ('tap-test')") }
            let before = try await Self.state(database)
            switch try await Self.run(sql, database) {
            case let .success(rows):
                Issue.record("\(sql) ran as the TAP login: \(rows)", sourceLocation: sourceLocation)
            case let .failure(.queryFailed(sqlState, message)):
                #expect(accepted(sqlState), "\(sql): \(sqlState) \(message)", sourceLocation: sourceLocation)
            case let .failure(error):
                Issue.record("\(sql) failed as \(error) (HTTP \(error.httpStatus)), not as a refused query (HTTP 400)",
                             sourceLocation: sourceLocation)
            }
            #expect(try await Self.state(database) == before, "\(sql)", sourceLocation: sourceLocation)
        }
    }

    /// A data-modifying WITH is refused by PostgreSQL before privileges are checked ("DECLARE CURSOR must not
    /// contain data-modifying statements in WITH", SQLSTATE 0A000): nothing is written. It is the client's
    /// statement that is at fault, so it should be a refused query (HTTP 400), as the other statements are.
    @Test(arguments: [
        "WITH d AS (DELETE FROM public.job RETURNING 1) SELECT count(*) FROM d",
        "WITH d AS (UPDATE public.prediction SET flags = 7 RETURNING 1) SELECT count(*) FROM d",
        "WITH d AS (INSERT INTO slam.flag_bits (bit, name, description) VALUES (30, 'x', 'y') RETURNING 1) SELECT count(*) FROM d",
    ])
    func aDataModifyingWithIsRefusedAsTheQuerysFaultAndChangesNothing(sql: String) async throws {
        try await Self.expectRefusedAndNothingChanged(sql) { $0 == "0A000" || $0 == "42501" || $0.hasPrefix("25") }
    }

    /// Creating a large object is allowed in a READ ONLY transaction (PostgreSQL 15); the cursor's ROLLBACK
    /// undoes it.
    @Test func whatTheReadOnlyTransactionLetsThroughIsRolledBack() async throws {
        try await TapTestCatalogue.withCatalogue { database in
            let before = try await Self.state(database)
            let outcome = try await Self.run("SELECT lo_create(0)::text", database)
            #expect(try outcome.get().count == 1)
            #expect(try await Self.state(database) == before)
        }
    }

    @Test func theStatementTimeoutEndsALongQuery() async throws {
        try await TapTestCatalogue.withCatalogue { database in
            let outcome = try await Self.run("SELECT pg_sleep(30)::text", database, timeoutMilliseconds: 100)
            guard case let .failure(.queryFailed(sqlState, message)) = outcome else {
                Issue.record("\(outcome)")
                return
            }
            #expect(sqlState == "57014")
            #expect(message.contains("statement timeout"), "\(message)")
        }
    }
}
