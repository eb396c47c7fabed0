import CatalogueTestSupport
import Foundation
import Pipeline
import Store
import Testing

@Suite("Crossmatch runner")
struct CrossmatchRunnerTests {
    /// Three LAMOST spectra: a true pair at 0.3", one with a decoy 5" away only, and one with two APOGEE
    /// stars 1.0" and 1.5" away (ambiguous at the default 1" ambiguity distance).
    func fixture(_ db: PostgresConnection) throws {
        let dec = 30.0
        try TestRows.spectrum(db, obsid: 1, ra: 10, dec: dec)
        try TestRows.apogeeStar(db, id: "2M-true", ra: 10 + TestRows.raOffset(arcsec: 0.3, dec: dec), dec: dec)
        try TestRows.spectrum(db, obsid: 2, ra: 20, dec: dec)
        try TestRows.apogeeStar(db, id: "2M-decoy", ra: 20 + TestRows.raOffset(arcsec: 5, dec: dec), dec: dec)
        try TestRows.spectrum(db, obsid: 3, ra: 30, dec: dec)
        try TestRows.apogeeStar(db, id: "2M-near", ra: 30, dec: dec + 1.0 / 3600)
        try TestRows.apogeeStar(db, id: "2M-far", ra: 30, dec: dec - 1.5 / 3600)
    }

    @Test func findsTruePairsSkipsDecoysAndFlagsAmbiguity() async throws {
        try await FreshDatabase.run { db in
            try fixture(db)
            let summary = try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db)
            #expect(summary.lamostCount == 3)
            #expect(summary.matchedCount == 2)
            #expect(summary.ambiguousCount == 1)
            let rows = try db.query("""
                SELECT obsid, apogee_id, separation_arcsec, n_candidates, second_separation_arcsec, ambiguous
                FROM crossmatch_pair WHERE run_id = $1 ORDER BY obsid
                """, [summary.runID])
            #expect(rows.count == 2)
            let first = try rows.row(0)
            #expect(try first.decode(Int64.self, "obsid") == 1)
            #expect(try first.decode(String.self, "apogee_id") == "2M-true")
            #expect(abs(try first.decode(Double.self, "separation_arcsec") - 0.3) < 0.01)
            #expect(try first.decode(Bool.self, "ambiguous") == false)
            let third = try rows.row(1)
            #expect(try third.decode(String.self, "apogee_id") == "2M-near")
            #expect(try third.decode(Int.self, "n_candidates") == 2)
            #expect(abs(try third.decode(Double.self, "second_separation_arcsec") - 1.5) < 0.01)
            #expect(try third.decode(Bool.self, "ambiguous") == true)
        }
    }

    @Test func runsWithDifferentRadiiCoexist() async throws {
        try await FreshDatabase.run { db in
            try fixture(db)
            let small = try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db)
            let large = try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 6), connection: db)
            #expect(small.runID != large.runID)
            #expect(small.matchedCount == 2)
            #expect(large.matchedCount == 3)
            let counts = try db.query("SELECT run_id, count(*) FROM crossmatch_pair GROUP BY run_id ORDER BY run_id")
            #expect(try counts.row(0).decode(Int.self, at: 1) == 2)
            #expect(try counts.row(1).decode(Int.self, at: 1) == 3)
        }
    }

    @Test(arguments: [0.0, -1.0, 61.0, Double.nan])
    func refusesAbsurdRadiusAndWritesNothing(radius: Double) async throws {
        try await FreshDatabase.run { db in
            try fixture(db)
            let error = #expect(throws: CrossmatchError.self) {
                try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: radius), connection: db)
            }
            if case .invalidRadius = error {} else { Issue.record("expected invalidRadius, got \(String(describing: error))") }
            #expect(try db.query("SELECT count(*) FROM crossmatch_run").first!.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func refusesUnknownReleaseAndEmptySpectra() async throws {
        try await FreshDatabase.run { db in
            #expect(throws: CrossmatchError.unknownRelease("DR15")) {
                try CrossmatchRunner().run(CrossmatchParameters(), connection: db)
            }
            try TestRows.apogeeStar(db, id: "2M-x", ra: 1, dec: 1)
            #expect(throws: CrossmatchError.noSpectra) {
                try CrossmatchRunner().run(CrossmatchParameters(), connection: db)
            }
            #expect(try db.query("SELECT count(*) FROM crossmatch_run").first!.decode(Int.self, at: 0) == 0)
        }
    }
}
