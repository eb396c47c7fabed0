import Formats
import Foundation
import Pipeline
import SLAMNumerics
import Simulator
import Store
import Testing

/// The crossmatch and the training-set selection on a small mock survey, checked against the survey's
/// truth (`truth.csv`, `truth_apogee.csv`) and against a brute-force match computed here in Swift.
@Suite("Crossmatch on a mock survey")
struct CrossmatchMockSurveyTests {
    /// Many neighbours, duplicates and repeats so that every case occurs in a few hundred stars.
    static let configuration = MockSurveyConfiguration(
        stars: 200, seed: 11, repeatFraction: 0.3, neighbourFraction: 0.4, duplicateApogeeFraction: 0.1, includeLASP: false)

    /// What the truth files say.
    struct Truth: Sendable {
        /// obsid -> star_id.
        var starOf: [Int64: String] = [:]
        /// obsid -> APOGEE_ID of the star's counterpart, for stars that have one.
        var counterpartOf: [Int64: String] = [:]
        /// APOGEE_ID -> kind of its (first, non-duplicate) allStar row.
        var kind: [String: String] = [:]
        /// APOGEE_ID -> star_id of the LAMOST star it observes.
        var starOfApogee: [String: String] = [:]
        /// APOGEE_ID -> STAR_BAD of the row the loader keeps (the non-duplicate one).
        var starBad: [String: Bool] = [:]

        init(directory: URL) throws {
            let lamost = try CatalogueTable.readCSV(url: directory.appendingPathComponent(MockSurvey.truthFile),
                                                    types: ["obsid": .int64, "star_id": .string, "apogee_id": .string])
            let obsids = try #require(lamost.int64s("obsid")), stars = try #require(lamost.strings("star_id"))
            let ids = try #require(lamost.strings("apogee_id"))
            for row in 0..<lamost.rowCount {
                let obsid = try #require(obsids[row])
                starOf[obsid] = stars[row]
                if let id = ids[row] { counterpartOf[obsid] = id }
            }
            let apogee = try CatalogueTable.readCSV(url: directory.appendingPathComponent(MockSurvey.apogeeTruthFile),
                                                    types: ["apogee_id": .string, "kind": .string, "star_id": .string, "star_bad": .int64])
            let aIDs = try #require(apogee.strings("apogee_id")), kinds = try #require(apogee.strings("kind"))
            let aStars = try #require(apogee.strings("star_id")), bad = try #require(apogee.int64s("star_bad"))
            for row in 0..<apogee.rowCount where kinds[row] != "duplicate" {
                let id = try #require(aIDs[row])
                kind[id] = kinds[row]
                starOfApogee[id] = aStars[row]
                starBad[id] = bad[row] == 1
            }
        }
    }

    /// Writes the survey into `directory` and returns its truth.
    static func writeSurvey(to directory: URL) async throws -> Truth {
        _ = try await MockSurvey(configuration: configuration).write(to: directory, workers: 2)
        return try Truth(directory: directory)
    }

    /// Ingests the survey's spectra and allStar file.
    static func ingest(_ db: PostgresConnection, directory: URL) throws {
        let files = try IngestFileList.expand([directory.appendingPathComponent(MockSurvey.spectraFolder).path])
        let lamost = try LamostIngestor(preprocessor: try SpectrumPreprocessor(), threads: 2).ingest(paths: files, connection: db)
        #expect(lamost.rejected == 0)
        _ = try ApogeeIngestor().load(path: directory.appendingPathComponent(MockSurvey.allStarFile).path, connection: db)
    }

    struct Position: Sendable { var ra: Double; var dec: Double }

    /// Great-circle separation, arcsec (haversine; independent of q3c).
    static func separation(_ a: Position, _ b: Position) -> Double {
        let rad = Double.pi / 180
        let s = pow(sin((b.dec - a.dec) * rad / 2), 2) + cos(a.dec * rad) * cos(b.dec * rad) * pow(sin((b.ra - a.ra) * rad / 2), 2)
        return 2 * asin(min(1, s.squareRoot())) / rad * 3600
    }

    struct Expected: Equatable, Sendable { var apogeeID: String; var candidates: Int; var ambiguous: Bool; var separation: Double }

    /// Brute-force nearest APOGEE star within `radius` of every spectrum, with candidate count and ambiguity.
    static func bruteForce(lamost: [Int64: Position], apogee: [String: Position], radius: Double,
                           ambiguity: Double) -> [Int64: Expected] {
        var expected: [Int64: Expected] = [:]
        for (obsid, p) in lamost {
            let inside = apogee.map { (id: $0.key, sep: separation(p, $0.value)) }.filter { $0.sep <= radius }
                .sorted { ($0.sep, $0.id) < ($1.sep, $1.id) }
            guard let nearest = inside.first else { continue }
            let ambiguous = inside.count > 1 && inside[1].sep - nearest.sep <= ambiguity
            expected[obsid] = Expected(apogeeID: nearest.id, candidates: inside.count, ambiguous: ambiguous, separation: nearest.sep)
        }
        return expected
    }

    static func pairs(run: Int, _ db: PostgresConnection) throws -> [Int64: Expected] {
        var pairs: [Int64: Expected] = [:]
        for row in try db.query("""
            SELECT obsid, apogee_id, n_candidates, ambiguous, separation_arcsec FROM crossmatch_pair WHERE run_id = $1
            """, [run]).rows {
            pairs[try row.decode(Int64.self, at: 0)] = Expected(
                apogeeID: try row.decode(String.self, at: 1), candidates: try row.decode(Int.self, at: 2),
                ambiguous: try row.decode(Bool.self, at: 3), separation: try row.decode(Double.self, at: 4))
        }
        return pairs
    }

    /// Rows of (key, ra, dec) as (key, position).
    static func positions<Key: PostgresDecodable>(_ sql: String, _: Key.Type, _ db: PostgresConnection) throws -> [(Key, Position)] {
        try db.query(sql).rows.map { row throws(PostgresError) in
            (try row.decode(Key.self, at: 0), Position(ra: try row.decode(Double.self, at: 1), dec: try row.decode(Double.self, at: 2)))
        }
    }

    /// Checks a run against the brute-force match: same nearest star, candidate count, ambiguity, separation.
    static func checkAgainstBruteForce(_ found: [Int64: Expected], _ expected: [Int64: Expected], radius: Double) {
        #expect(Set(found.keys) == Set(expected.keys), "radius \(radius): matched spectra differ from brute force")
        for (obsid, want) in expected {
            guard let got = found[obsid] else { continue }
            #expect(got.apogeeID == want.apogeeID, "obsid \(obsid) radius \(radius)")
            #expect(got.candidates == want.candidates, "obsid \(obsid) radius \(radius)")
            #expect(got.ambiguous == want.ambiguous, "obsid \(obsid) radius \(radius)")
            #expect(abs(got.separation - want.separation) < 1e-3, "obsid \(obsid) radius \(radius)")
        }
    }

    /// One survey, written and ingested once (the slow part), for both checks below.
    @Test func crossmatchAndTrainingSetAgreeWithTheSurveyTruth() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let truth = try await Self.writeSurvey(to: dir)
        try await FreshDatabase.run { db in
            try Self.ingest(db, directory: dir)
            let run = try Self.matchesEveryTruePairIgnoresDecoysAndFlagsCloseNeighbours(truth, db)
            try Self.trainingSetKeepsOnlySpectraOfStarsWithAGoodCounterpart(truth, run: run, db)
        }
    }

    /// Runs 3 and 6 arcsec crossmatches and checks them against the truth and a brute-force match;
    /// returns the 6 arcsec run.
    static func matchesEveryTruePairIgnoresDecoysAndFlagsCloseNeighbours(_ truth: Truth, _ db: PostgresConnection) throws -> Int {
        let lamost = Dictionary(uniqueKeysWithValues: try Self.positions("SELECT obsid, ra, dec FROM lamost_spectrum", Int64.self, db))
        let apogee = Dictionary(uniqueKeysWithValues: try Self.positions("SELECT apogee_id, ra, dec FROM apogee_star", String.self, db))
        try #require(lamost.count == truth.starOf.count)

        // Run A: 3 arcsec, the default 1 arcsec ambiguity.
        let a = try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db)
        let pairsA = try Self.pairs(run: a.runID, db)
        Self.checkAgainstBruteForce(pairsA, Self.bruteForce(lamost: lamost, apogee: apogee, radius: 3, ambiguity: 1), radius: 3)

        // Every spectrum of a star with a counterpart is matched to that APOGEE_ID; no other spectrum is matched.
        try #require(truth.counterpartOf.count >= 50)
        for (obsid, id) in truth.counterpartOf {
            #expect(pairsA[obsid]?.apogeeID == id, "obsid \(obsid) should match \(id)")
        }
        #expect(Set(pairsA.keys) == Set(truth.counterpartOf.keys))
        // Neighbours and APOGEE-only stars are never the match.
        #expect(pairsA.values.allSatisfy { truth.kind[$0.apogeeID] == "counterpart" })

        // Decoy neighbours: those beyond 3 arcsec of every spectrum are not even candidates; closer ones are.
        let neighbours = truth.kind.filter { $0.value == "neighbour" }.keys
        let nearestSpectrum = neighbours.compactMap { id -> (String, (obsid: Int64, sep: Double))? in
            guard let p = apogee[id] else { return nil }
            return lamost.map { (obsid: $0.key, sep: Self.separation(p, $0.value)) }.min { $0.sep < $1.sep }.map { (id, $0) }
        }
        let outside = nearestSpectrum.filter { $0.1.sep > 3 }, inside = nearestSpectrum.filter { $0.1.sep <= 3 }
        try #require(outside.count >= 3 && inside.count >= 1, "survey has \(outside.count) far and \(inside.count) close neighbours")
        for (id, near) in outside {
            #expect(pairsA[near.obsid]?.candidates == 1, "neighbour \(id) at \(near.sep) arcsec counted at 3 arcsec")
        }
        for (id, near) in inside {
            #expect((pairsA[near.obsid]?.candidates ?? 0) >= 2, "neighbour \(id) at \(near.sep) arcsec not counted at 3 arcsec")
        }

        // Run B: 6 arcsec, 3 arcsec ambiguity; every neighbour is a candidate, the close ones are flagged.
        let b = try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 6, ambiguityArcsec: 3), connection: db)
        let pairsB = try Self.pairs(run: b.runID, db)
        Self.checkAgainstBruteForce(pairsB, Self.bruteForce(lamost: lamost, apogee: apogee, radius: 6, ambiguity: 3), radius: 6)
        for (id, near) in nearestSpectrum {
            let pair = pairsB[near.obsid]
            #expect(pair?.apogeeID == truth.counterpartOf[near.obsid], "neighbour \(id) must not win at 6 arcsec")
            #expect((pair?.candidates ?? 0) >= 2)
            if let pair, near.sep - pair.separation <= 3 - 1e-6 {
                #expect(pair.ambiguous, "neighbour \(id) \(near.sep) arcsec vs counterpart \(pair.separation) arcsec")
            }
        }
        #expect(b.ambiguousCount > 0)
        #expect(b.ambiguousCount == pairsB.values.filter(\.ambiguous).count)

        // The two runs coexist: run A is untouched by run B, and both are complete.
        #expect(try Self.pairs(run: a.runID, db) == pairsA)
        #expect(a.matchedCount == pairsA.count && b.matchedCount == pairsB.count)
        let complete = try db.query("SELECT count(*) FROM crossmatch_run WHERE status = 'complete'").first?.decode(Int.self, at: 0)
        #expect(complete == 2)
        return b.runID
    }

    /// Training sets from the 6 arcsec run (ambiguous matches excluded, the default): members are only
    /// spectra of stars whose APOGEE counterpart is good; `all` and `best-snr` repeats agree.
    static func trainingSetKeepsOnlySpectraOfStarsWithAGoodCounterpart(_ truth: Truth, run: Int, _ db: PostgresConnection) throws {
        func members(_ repeats: TrainingSetCriteria.RepeatPolicy) throws -> [(obsid: Int64, id: String, snrg: Float)] {
            let report = try TrainingSetBuilder().create(
                name: "mock-\(repeats.rawValue)",
                criteria: TrainingSetCriteria(crossmatchRunID: run, repeats: repeats, validationFraction: 0), connection: db)
            return try db.query("SELECT obsid, reference_id, snrg FROM training_set_member WHERE training_set_id = $1",
                                [report.trainingSetID]).rows.map { r throws(PostgresError) in
                (try r.decode(Int64.self, at: 0), try r.decode(String.self, at: 1), try r.decode(Float.self, at: 2))
            }
        }
        let all = try members(.all), best = try members(.bestSNR)
        try #require(best.count >= 10, "only \(best.count) members")
        for m in all {
            #expect(truth.kind[m.id] == "counterpart", "member \(m.obsid) references \(m.id), a \(truth.kind[m.id] ?? "?")")
            #expect(truth.starBad[m.id] == false, "member \(m.obsid) references STAR_BAD \(m.id)")
            #expect(truth.starOfApogee[m.id] == truth.starOf[m.obsid], "member \(m.obsid) is not the star of \(m.id)")
        }
        // Repeats: `all` keeps every observation, `best-snr` the highest-S/N one of each star.
        let byStar = Dictionary(grouping: all, by: \.id)
        #expect(byStar.values.contains { $0.count > 1 }, "no repeat observation among the members")
        #expect(Set(best.map(\.id)) == Set(byStar.keys))
        #expect(best.count == byStar.count)
        for m in best {
            #expect(m.snrg == byStar[m.id]?.map(\.snrg).max(), "\(m.id): kept S/N \(m.snrg) is not the best")
        }
    }
}
