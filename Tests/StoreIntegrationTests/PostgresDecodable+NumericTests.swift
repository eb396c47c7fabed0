import Store
import StoreTestSupport
import Testing

/// `numeric` columns (binary numeric_send) decoded into `Double`, and the column type a result reports.
@Suite("Numeric decoding")
struct PostgresDecodableNumericTests {
    /// `text` (bound as a parameter, nil: NULL) cast to numeric and decoded as Double, on `connection`.
    static func decoded(_ text: String?, _ connection: PostgresConnection) throws -> Double? {
        try connection.query("SELECT \(text)::numeric AS n").first?.decode(Double?.self, at: 0)
    }

    @Test func numericDecodesIntoTheNearestDouble() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let cases: [(String, Double)] = [
                    ("0", 0), ("1.5", 1.5), ("-0.001", -0.001), ("123456789.125", 123456789.125), ("1e20", 1e20),
                    ("0.1", 0.1), ("-98765.4321", -98765.4321), ("1e-20", 1e-20), ("42", 42), ("-7", -7),
                    ("10000", 10000), ("0.00005", 0.00005),
                ]
                for (text, expected) in cases {
                    let value = try Self.decoded(text, connection)
                    #expect(value == expected, "\(text)")
                }
                let nan = try Self.decoded("NaN", connection)
                #expect(nan?.isNaN == true)
                let infinity = try Self.decoded("Infinity", connection)
                #expect(infinity == .infinity)
                let negativeInfinity = try Self.decoded("-Infinity", connection)
                #expect(negativeInfinity == -.infinity)
                let null = try Self.decoded(nil, connection)
                #expect(null == nil)
            }
        }
    }

    /// The doc of `Double.numeric` says values of up to 15 significant digits are exact.
    @Test(arguments: ["3.14159265358979", "2.71828182845904", "0.123456789012345", "98765.4321098765", "-1.23456789012345e-5"])
    func fifteenSignificantDigitsAreExact(text: String) async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let value = try Self.decoded(text, connection)
                #expect(value == Double(text), "\(text)")
            }
        }
    }

    @Test func aResultReportsNumericColumnsAndRefusesIndexesOutsideIt() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let result = try connection.query("SELECT 1.5::numeric AS n, 2::float8 AS d, 'x'::text AS t")
                #expect(try result.columnType(at: 0) == .numeric)
                #expect(try result.columnType(at: 0).oid == 1700)
                #expect(try result.columnType(at: 1) == .float8)
                #expect(try result.columnType(at: 2) == .text)
                #expect(throws: PostgresError.noSuchColumn("#3", available: ["n", "d", "t"])) { try result.columnType(at: 3) }
                #expect(throws: PostgresError.noSuchColumn("#-1", available: ["n", "d", "t"])) { try result.columnType(at: -1) }
                let empty = try connection.query("SELECT 1.5::numeric AS n WHERE false")
                #expect(try empty.columnType(at: 0) == .numeric)
            }
        }
    }
}
