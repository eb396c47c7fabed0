import Foundation
import Store
import StoreTestSupport
import Testing

@Suite("PostgresConnection against a real server")
struct PostgresConnectionTests {
    @Test func everySupportedParameterTypeRoundTrips() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
                let uuid = UUID()
                let row = try #require(try connection.query("""
                    SELECT $1::int8 AS i, $2::int4 AS i32, $3::int2 AS i16, $4::float8 AS d, $5::float4 AS f,
                           $6::bool AS b, $7::text AS s, $8::bytea AS bytes, $9::timestamptz AS t, $10::uuid AS u,
                           $11::jsonb AS j, $12::float4[] AS fa, $13::float8[] AS da, $14::int8[] AS ia, $15::text[] AS sa,
                           $16::float4[] AS empty
                    """, [Int.max, Int32.min, Int16(-7), Double.pi, Float(1.5e-7), true, "héllo ✓", Data([0, 1, 255, 0x5c]), date,
                          uuid, JSONB("{\"a\": [1, 2]}"), [Float(1.25), -0.5, .infinity], [1e300, -2.5], [1, -2, Int.min],
                          ["a", "b c", ""], [Float]()]).first)
                #expect(try row.decode(Int.self, "i") == Int.max)
                #expect(try row.decode(Int32.self, "i32") == Int32.min)
                #expect(try row.decode(Int16.self, "i16") == -7)
                #expect(try row.decode(Double.self, "d") == Double.pi)
                #expect(try row.decode(Float.self, "f") == Float(1.5e-7))
                #expect(try row.decode(Bool.self, "b") == true)
                #expect(try row.decode(String.self, "s") == "héllo ✓")
                #expect(try row.decode(Data.self, "bytes") == Data([0, 1, 255, 0x5c]))
                #expect(abs(try row.decode(Date.self, "t").timeIntervalSince(date)) < 1e-6)
                #expect(try row.decode(UUID.self, "u") == uuid)
                #expect(try row.decode(JSONB.self, "j").text == "{\"a\": [1, 2]}")
                #expect(try row.decode([Float].self, "fa") == [1.25, -0.5, .infinity])
                #expect(try row.decode([Double].self, "da") == [1e300, -2.5])
                #expect(try row.decode([Int].self, "ia") == [1, -2, Int.min])
                #expect(try row.decode([String].self, "sa") == ["a", "b c", ""])
                #expect(try row.decode([Float].self, "empty") == [])
            }
        }
    }

    @Test func nullsDecodeAsNilAndFailForNonOptionals() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let nothing: Int? = nil
                let row = try #require(try connection.query("SELECT $1::int8 AS a, $2::text AS b", [nothing, PostgresNull()]).first)
                #expect(try row.decode(Int?.self, "a") == nil)
                #expect(try row.decode(String?.self, "b") == nil)
                #expect(throws: PostgresError.unexpectedNull(column: "a", expected: "Int")) { try row.decode(Int.self, "a") }
            }
        }
    }

    @Test func decodeErrorsNameTheColumn() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let row = try #require(try connection.query("SELECT 'x'::text AS label, 1.5::numeric AS amount, now() AS at").first)
                do {
                    _ = try row.decode(Int.self, "label")
                    Issue.record("expected a decoding error")
                } catch {
                    #expect("\(error)".contains("column \"label\""))
                }
                #expect(throws: PostgresError.self) { try row.decode(Double.self, "at") }
                #expect(throws: PostgresError.noSuchColumn("missing", available: ["label", "amount", "at"])) { try row.decode(Int.self, "missing") }
            }
        }
    }

    @Test func serverErrorsCarrySQLStateAndStatementName() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                do {
                    try connection.execute("SELECT 1/0", name: "divide")
                    Issue.record("expected an error")
                } catch let error as PostgresError {
                    #expect(error.sqlState == "22012")
                    #expect("\(error)".contains("divide"))
                }
                #expect(try connection.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
            }
        }
    }

    @Test func transactionsRollBackOnThrowAndCommitOnReturn() async throws {
        struct Boom: Error {}
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("CREATE TABLE t (v int)", name: "create")
                #expect(throws: Boom.self) {
                    try connection.transaction { c in
                        try c.execute("INSERT INTO t VALUES (1)")
                        throw Boom()
                    }
                }
                try connection.transaction { c in
                    try c.execute("INSERT INTO t VALUES (2)")
                    #expect(throws: Boom.self) {
                        try c.transaction { inner in
                            try inner.execute("INSERT INTO t VALUES (3)")
                            throw Boom()
                        }
                    }
                }
                let values = try connection.query("SELECT v FROM t ORDER BY v").rows.map { try $0.decode(Int.self, "v") }
                #expect(values == [2])
                #expect(!connection.isInTransaction)
            }
        }
    }

    @Test func preparedStatementsAreReusedAndTypedPerSignature() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                for i in 0..<5 {
                    let n = try connection.query("SELECT $1::int8 + 1 AS n", [i], name: "plus_one").first?.decode(Int.self, "n")
                    #expect(n == i + 1)
                }
                let none: Int? = nil
                let n = try connection.query("SELECT $1::int8 + 1 AS n", [none], name: "plus_one").first?.decode(Int?.self, "n")
                #expect(n == .some(nil))
            }
        }
    }
}

/// An interpolated value reaches the server as a bound parameter, never as SQL text.
@Suite("SQL values against a real server")
struct SQLBindingTests {
    @Test func aHostileStringIsBoundNotPasted() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("CREATE TABLE victim (v text)", name: "create victim")
                let hostile = "x'); DROP TABLE victim; --"
                try connection.execute("INSERT INTO victim (v) VALUES (\(hostile))")
                let stored = try connection.query("SELECT v FROM victim WHERE v = \(hostile)").first?.decode(String.self, at: 0)
                #expect(stored == hostile)
                let table = "victim"
                #expect(try connection.query("SELECT count(*) FROM \(identifier: table)").first?.decode(Int.self, at: 0) == 1)
            }
        }
    }

    @Test func oneNameForTwoTextsRunsEachText() async throws {
        // A named query whose identifiers vary (the dashboard's density bins, one per pair of labels) was
        // once answered by the first text prepared under its name.
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                for (column, expected) in [("a", 1), ("b", 2), ("a", 1)] {
                    let value = try connection.query("SELECT \(identifier: column) FROM (SELECT 1 AS a, 2 AS b) t WHERE \(0) = 0",
                                                      name: "pick").first?.decode(Int.self, at: 0)
                    #expect(value == expected, "\(column)")
                }
            }
        }
    }
}
