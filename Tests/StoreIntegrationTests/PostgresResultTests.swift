import Store
import StoreTestSupport
import Testing

/// A result's shape (columns, rows, affected rows) and the errors for a missing row or column.
@Suite("Query results")
struct PostgresResultTests {
    @Test func columnsRowsAndFirstDescribeTheResult() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let result = try connection.query("SELECT g AS n, g * 10 AS tens FROM generate_series(1, 3) g ORDER BY g")
                #expect(result.columns == ["n", "tens"])
                #expect(result.count == 3)
                #expect(try result.rows.map { try $0.decode(Int.self, "tens") } == [10, 20, 30])
                #expect(try result.first?.decode(Int.self, at: 0) == 1)
                #expect(try result.row(2).decode(Int.self, "n") == 3)
                #expect(result.rows.map(\.index) == [0, 1, 2])
                let empty = try connection.query("SELECT 1 AS one WHERE false")
                #expect(empty.count == 0)
                #expect(empty.first == nil)
                #expect(empty.columns == ["one"])
            }
        }
    }

    @Test func affectedRowsComeFromTheCommandTag() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("CREATE TABLE t (v int4)", name: "create")
                #expect(try connection.query("INSERT INTO t SELECT generate_series(1, 5)").affectedRows == 5)
                #expect(try connection.query("UPDATE t SET v = v + 1 WHERE v > 3").affectedRows == 2)
                #expect(try connection.query("DELETE FROM t WHERE v = 100").affectedRows == 0)
                #expect(try connection.query("SELECT * FROM t").affectedRows == 5)
            }
        }
    }

    @Test func aRepeatedColumnNameReadsTheFirstOccurrence() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let result = try connection.query("SELECT 1 AS v, 2 AS v")
                #expect(result.columns == ["v", "v"])
                #expect(try result.first?.decode(Int.self, "v") == 1)
                #expect(try result.first?.decode(Int.self, at: 1) == 2)
            }
        }
    }

    @Test func missingRowsAndColumnsAreNamedInTheError() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let result = try connection.query("SELECT 1 AS a, 'x'::text AS b")
                #expect(throws: PostgresError.noSuchRow(1, count: 1)) { try result.row(1) }
                #expect(throws: PostgresError.noSuchRow(-1, count: 1)) { try result.row(-1) }
                let row = try result.row(0)
                #expect(throws: PostgresError.noSuchColumn("c", available: ["a", "b"])) { try row.decode(Int.self, "c") }
                #expect(throws: PostgresError.noSuchColumn("#2", available: ["a", "b"])) { try row.decode(Int.self, at: 2) }
            }
        }
    }
}
