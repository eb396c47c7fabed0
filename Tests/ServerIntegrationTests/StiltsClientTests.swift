import Formats
import Foundation
import Testing

/// STILTS, a real TAP client and VOTable validator, against the served test catalogue. STILTS is required:
/// without it these tests fail, saying to install it.
@Suite struct StiltsClientTests {
    static func stilts(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(TapClients.executable("stilts"), "stilts is not installed: install it (e.g. apt-get install stilts)",
                     sourceLocation: sourceLocation)
    }

    @Test func tapqueryAsCSVEqualsSQL() async throws {
        let stilts = try Self.stilts()
        try await TapTestCatalogue.withServer { base, database in
            let query = TapRoutesTests.labelsQuery
            let output = try await TapClients.run(stilts, ["tapquery", "tapurl=\(base)", "adql=\(query)", "sync=true", "ofmt=csv", "out=-"])
            #expect(output.status == 0, "\(output.stderr)")
            TapRoutesTests.expectDelimited(TapHTTP.csvRecords(output.stdout), columns: TapRoutesTests.labelsColumns,
                                           try await TapTestCatalogue.sqlRows(database, query))
        }
    }

    /// `tapquery sync=false`: STILTS creates the UWS job, runs it, polls it (a worker runs it), reads the
    /// result and deletes the job.
    @Test func tapqueryAsyncEqualsSQL() async throws {
        let stilts = try Self.stilts()
        try await TapTestCatalogue.withServer { base, database in
            let query = TapRoutesTests.labelsQuery
            let output = try await TapAsyncRoutesTests.withWorker(database) {
                try await TapClients.run(stilts, ["tapquery", "tapurl=\(base)", "adql=\(query)", "sync=false", "poll=200",
                                                  "ofmt=csv", "out=-"])
            }
            #expect(output.status == 0, "\(output.stderr)")
            TapRoutesTests.expectDelimited(TapHTTP.csvRecords(output.stdout), columns: TapRoutesTests.labelsColumns,
                                           try await TapTestCatalogue.sqlRows(database, query))
            #expect(try await TapAsyncRoutesTests.count(database, "SELECT count(*) FROM job WHERE kind = 'tap_query' AND state = 'completed'") == 1)
        }
    }

    @Test(arguments: [
        ("votable/td", "SELECT * FROM slam.labels ORDER BY obsid", "5"),
        ("votable/b2", "SELECT * FROM slam.labels ORDER BY obsid", "5"),
        ("votable/td", "SELECT * FROM slam.models", "100"),
        ("votable/b2", "SELECT * FROM slam.models", "100"),
        ("votable/td", "SELECT * FROM slam.spectra ORDER BY obsid", "2"),
        ("votable/b2", "SELECT * FROM tap_schema.columns", "3"),
    ])
    func votlintFindsNothingToReport(format: String, query: String, maxrec: String) async throws {
        let stilts = try Self.stilts()
        try await TapTestCatalogue.withServer { base, _ in
            let response = try await TapHTTP.get(base + "/sync", [("LANG", "ADQL"), ("QUERY", query), ("RESPONSEFORMAT", format), ("MAXREC", maxrec)])
            #expect(response.status == 200, "\(response.text)")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slam-votlint-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("result.vot")
            try Data(response.body).write(to: file)
            let output = try await TapClients.run(stilts, ["votlint", "votable=\(file.path)"])
            #expect(output.status == 0, "\(output.stdout) \(output.stderr)")
            let report = output.stdout + output.stderr
            #expect(!report.contains("ERROR") && !report.contains("WARNING"), "\(format) \(query): \(report)")
        }
    }
}

/// STILTS's TAP validator, taplint, against the served test catalogue with a worker running async jobs.
@Suite struct TaplintTests {
    /// taplint's report lines of errors (`E-`) and failures (`F-`), except the ObsLocTAP stage's (LOC: no
    /// ivoa.obsplan table, as the catalogue is not an observation plan).
    static func problems(_ report: String) -> [String] {
        report.split(separator: "\n").map(String.init).filter { line in
            (line.hasPrefix("E-") || line.hasPrefix("F-")) && !line.hasPrefix("F-LOC-NOTP")
        }
    }

    @Test func taplintFindsNoErrors() async throws {
        let stilts = try StiltsClientTests.stilts()
        try await TapTestCatalogue.withServer { base, database in
            let output = try await TapAsyncRoutesTests.withWorker(database) {
                try await TapClients.run(stilts, ["taplint", "tapurl=\(base)", "report=EWF", "maxrepeat=20"])
            }
            let report = output.stdout + output.stderr
            #expect(report.contains("Totals:"), "taplint did not finish: \(report)")
            #expect(Self.problems(report).isEmpty, "\(Self.problems(report).joined(separator: "\n"))")
            #expect(!report.contains("W-"), "\(report)")
        }
    }
}
