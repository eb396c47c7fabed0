import Formats
import Foundation
import Testing

/// pyvo, a real TAP client, against the served test catalogue (Clients/pyvo_client.py). pyvo is required:
/// without it these tests fail, saying to install it (CI installs it).
@Suite struct PyvoClientTests {
    struct SyncResult: Decodable {
        var columns: [String]
        var units: [String: String?]
        var rows: [[TapClients.JSONValue]]
    }

    struct TablesResult: Decodable {
        var tables: [String]
        var units: [String: String]
    }

    struct ErrorResult: Decodable {
        var error_type: String?
        var message: String
    }

    /// Runs the pyvo script's `command` against `base`; its JSON output decoded as `T`.
    static func pyvo<T: Decodable>(_ base: String, _ command: String, _ arguments: [String] = [], as type: T.Type,
                                   sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        let python = try #require(TapClients.executable("python3"), "python3 is not installed", sourceLocation: sourceLocation)
        let check = try await TapClients.run(python, ["-c", "import pyvo"])
        try #require(check.status == 0, "pyvo is not installed: install it (pip install pyvo; CI installs it). \(check.stderr)",
                     sourceLocation: sourceLocation)
        let output = try await TapClients.run(python, [TapClients.script("pyvo_client.py"), base, command] + arguments)
        try #require(output.status == 0, "pyvo_client.py \(command) exited \(output.status): \(output.stdout) \(output.stderr)",
                     sourceLocation: sourceLocation)
        return try JSONDecoder().decode(T.self, from: Data(output.stdout.utf8))
    }

    /// Expects pyvo's rows to be `expected` cell for cell.
    static func expectRows(_ rows: [[TapClients.JSONValue]], _ expected: [[VOTableValue]], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rows.count == expected.count, "\(rows)", sourceLocation: sourceLocation)
        for (row, want) in zip(rows, expected) {
            #expect(row.count == want.count && zip(row, want).allSatisfy { $0.matches($1) }, "\(row) is not \(want)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func aSyncQueryEqualsSQL() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let query = "SELECT obsid, designation, ra, dec, snrg, teff, logg, m_h, flags, fit_status FROM slam.labels ORDER BY obsid"
            let result = try await Self.pyvo(base, "sync", [query], as: SyncResult.self)
            #expect(result.columns == ["obsid", "designation", "ra", "dec", "snrg", "teff", "logg", "m_h", "flags", "fit_status"])
            #expect(result.units["teff"] == "K" && result.units["ra"] == "deg")
            Self.expectRows(result.rows, try await TapTestCatalogue.sqlRows(database, query))
        }
    }

    @Test(arguments: [0.02, 0.06, 1.0])
    func aConeSearchThroughADQLEqualsQ3C(radius: Double) async throws {
        try await TapTestCatalogue.withServer { base, database in
            let (ra, dec) = (TapTestCatalogue.coneRA, TapTestCatalogue.coneDec)
            let adql = """
                SELECT obsid, ra, dec FROM slam.labels
                WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', \(ra), \(dec), \(radius))) = 1 ORDER BY obsid
                """
            let sql = "SELECT obsid, ra, dec FROM slam.labels WHERE q3c_radial_query(ra, dec, \(ra), \(dec), \(radius)) ORDER BY obsid"
            let expected = try await TapTestCatalogue.sqlRows(database, sql)
            #expect(!expected.isEmpty && expected.count < TapTestCatalogue.stars.count, "radius \(radius): \(expected)")
            Self.expectRows(try await Self.pyvo(base, "sync", [adql], as: SyncResult.self).rows, expected)
        }
    }

    @Test func serviceTablesListThePublishedTablesWithUnits() async throws {
        try await TapTestCatalogue.withServer { base, database in
            let result = try await Self.pyvo(base, "tables", as: TablesResult.self)
            let published = try await TapTestCatalogue.sqlRows(database, "SELECT table_name FROM tap_schema.tables ORDER BY table_index")
            #expect(result.tables == published.map { row in if case let .text(name) = row[0] { return name } else { return "" } })
            #expect(result.tables.contains("slam.labels") && result.tables.contains("tap_schema.columns"))
            #expect(result.units["slam.labels.teff"] == "K")
            #expect(result.units["slam.labels.logg"] == "log(cm.s**-2)")
            #expect(result.units["slam.spectra.ra"] == "deg")
        }
    }

    @Test func aBadQueryRaisesDALQueryErrorWithThePosition() async throws {
        try await TapTestCatalogue.withServer { base, _ in
            let result = try await Self.pyvo(base, "error", ["SELECT obsid FROM slam.labels WHERE"], as: ErrorResult.self)
            #expect(result.error_type == "DALQueryError", "\(result)")
            #expect(result.message.contains("line 1, column "), "\(result.message)")
            let unknown = try await Self.pyvo(base, "error", ["SELECT obsid FROM slam.nothing"], as: ErrorResult.self)
            #expect(unknown.error_type == "DALQueryError", "\(unknown)")
            #expect(unknown.message.contains("line 1, column 19") && unknown.message.contains("slam.nothing"), "\(unknown.message)")
        }
    }

    /// A target list uploaded by pyvo (an astropy Table) is crossmatched with the labels, synchronously and
    /// asynchronously (a worker runs the async job): each target finds the star it was placed beside.
    @Test(arguments: ["sync", "async"])
    func anUploadedTargetListIsCrossmatched(mode: String) async throws {
        try await TapTestCatalogue.withServer { base, database in
            let stars = Array(TapTestCatalogue.stars.prefix(3))
            let targets = stars.enumerated().map { "[\($0.offset + 1), \($0.element.ra + 0.3 / 3600), \($0.element.dec)]" } + ["[99, 10.0, -80.0]"]
            let result = try await TapAsyncRoutesTests.withWorker(database) {
                try await Self.pyvo(base, "upload", [TapRoutesTests.uploadJoin, "[" + targets.joined(separator: ", ") + "]", mode], as: SyncResult.self)
            }
            #expect(result.columns == ["id", "obsid"])
            Self.expectRows(result.rows, stars.enumerated().map { [.integer(Int64($0.offset + 1)), .integer($0.element.obsid)] })
        }
    }
}
