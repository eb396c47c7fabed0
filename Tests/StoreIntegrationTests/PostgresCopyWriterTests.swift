import Foundation
import Store
import StoreTestSupport
import Testing

/// Binary COPY: values are encoded as their column's type, a failure loads nothing, and tables are
/// named as the caller spells them (quoted, schema-qualified).
@Suite("Binary COPY")
struct PostgresCopyWriterTests {
    @Test func binaryCopyOfThousandsOfRowsRoundTrips() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("""
                    CREATE TABLE spectrum_copy (id int4, flux float4[], raw bytea, header jsonb, name text, snr float8, n int2)
                    """, name: "create")
                let count = 3000
                func flux(_ i: Int) -> [Float] { (0..<50).map { Float(i) + Float($0) / 8 } }
                let copied = try connection.copyIn(table: "spectrum_copy", columns: ["id", "flux", "raw", "header", "name", "snr", "n"]) { writer in
                    for i in 0..<count {
                        let name: String? = i % 7 == 0 ? nil : "star \(i)"
                        try writer.append([i, flux(i), Data([UInt8(i % 256), 0, 7]), JSONB("{\"i\": \(i)}"), name,
                                           i % 5 == 0 ? Double?.none : Double(i) / 3, Int16(i % 100)])
                    }
                }
                #expect(copied == count)
                let rows = try connection.query("SELECT * FROM spectrum_copy ORDER BY id")
                #expect(rows.count == count)
                for (i, row) in rows.rows.enumerated() where i % 97 == 0 || i == count - 1 {
                    #expect(try row.decode(Int.self, "id") == i)
                    #expect(try row.decode([Float].self, "flux") == flux(i))
                    #expect(try row.decode(Data.self, "raw") == Data([UInt8(i % 256), 0, 7]))
                    #expect(try row.decode(String.self, "header") == "{\"i\": \(i)}")
                    #expect(try row.decode(String?.self, "name") == (i % 7 == 0 ? nil : "star \(i)"))
                    #expect(try row.decode(Double?.self, "snr") == (i % 5 == 0 ? nil : Double(i) / 3))
                    #expect(try row.decode(Int.self, "n") == i % 100)
                }
            }
        }
    }

    @Test func failedCopyLoadsNothingAndNamesTheColumn() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("CREATE TABLE small (v int2)", name: "create")
                do {
                    try connection.copyIn(table: "small", columns: ["v"]) { writer in
                        try writer.append([1])
                        try writer.append([100_000])
                    }
                    Issue.record("expected an error")
                } catch {
                    #expect("\(error)".contains("column v"))
                }
                #expect(try connection.query("SELECT count(*) AS n FROM small").first?.decode(Int.self, "n") == 0)
                #expect(throws: PostgresError.self) { try connection.copyIn(table: "small", columns: ["nope"]) { _ in } }
            }
        }
    }

    @Test func copyIntoAMixedCaseTableWithASpaceInATestSchema() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("""
                    CREATE SCHEMA "Test Schema";
                    CREATE TABLE "Test Schema"."Star List" ("Star Id" int8, "Teff" float4);
                    """, name: "create")
                let copied = try connection.copyIn(table: "Test Schema.Star List", columns: ["Star Id", "Teff"]) { writer in
                    try writer.append([7, Float(5777)])
                    try writer.append([8, Float?.none])
                    #expect(writer.rowCount == 2)
                }
                #expect(copied == 2)
                let rows = try connection.query("""
                    SELECT "Star Id" AS id, "Teff" AS teff FROM "Test Schema"."Star List" ORDER BY 1
                    """)
                #expect(try rows.rows.map { try $0.decode(Int.self, "id") } == [7, 8])
                #expect(try rows.rows.map { try $0.decode(Float?.self, "teff") } == [5777, nil])
            }
        }
    }

    @Test func aMixedCaseTableIsNotConfusedWithItsLowerCaseTwin() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("""
                    CREATE TABLE "Mixed" (v text);
                    CREATE TABLE mixed (v int4);
                    """, name: "create")
                #expect(try connection.copyIn(table: "Mixed", columns: ["v"]) { try $0.append(["hello"]) } == 1)
                #expect(try connection.query(#"SELECT v FROM "Mixed""#).first?.decode(String.self, "v") == "hello")
                #expect(try connection.query("SELECT count(*) AS n FROM mixed").first?.decode(Int.self, "n") == 0)
            }
        }
    }

    @Test func aRowWithTheWrongNumberOfValuesIsRefusedAndNothingIsLoaded() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("CREATE TABLE pair (a int4, b text)", name: "create")
                do {
                    try connection.copyIn(table: "pair", columns: ["a", "b"]) { writer in
                        try writer.append([1, "one"])
                        try writer.append([2])
                    }
                    Issue.record("expected an error")
                } catch let error as PostgresError {
                    #expect(error.description == "COPY into pair failed: row 2 has 1 values for 2 columns")
                }
                #expect(try connection.query("SELECT count(*) AS n FROM pair").first?.decode(Int.self, "n") == 0)
                // The connection is usable afterwards.
                #expect(try connection.copyIn(table: "pair", columns: ["b"]) { try $0.append(["x"]) } == 1)
            }
        }
    }

    @Test func anUnknownColumnIsNamedInTheError() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                try connection.executeScript("CREATE TABLE single (v int4)", name: "create")
                do {
                    try connection.copyIn(table: "single", columns: ["v", "w"]) { _ in }
                    Issue.record("expected an error")
                } catch let error as PostgresError {
                    #expect(error.description == "COPY into single failed: no column w")
                }
            }
        }
    }
}
