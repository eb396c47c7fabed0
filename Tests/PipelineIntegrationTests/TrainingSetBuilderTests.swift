import CatalogueTestSupport
import Foundation
import Pipeline
import Store
import Testing

@Suite("Training-set builder")
struct TrainingSetBuilderTests {
    /// One good member and, for every cut, one candidate that fails exactly that cut.
    func fixture(_ db: PostgresConnection) throws -> Int {
        let pp = try TestRows.preprocessing(db)
        var obsid: Int64 = 100
        func add(_ id: String, apogeeSNR: Double? = 200, teff: Double? = 4500, nM: Double? = 0.2, aspcapflag: Int64 = 0,
                 starflag: Int64 = 0, snrg: Double? = 150, preprocessed: Bool = true, badPixels: Int = 0,
                 ambiguous: Bool = false) throws {
            obsid += 1
            let dec = 10.0 + Double(obsid) * 0.01
            try TestRows.spectrum(db, obsid: obsid, ra: 50, dec: dec, snrg: snrg)
            if preprocessed { try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: pp, badPixels: badPixels) }
            try TestRows.apogeeStar(db, id: id, ra: 50, dec: dec, snr: apogeeSNR, teff: teff, nM: nM, aspcapflag: aspcapflag,
                                    starflag: starflag)
            if ambiguous {
                try TestRows.apogeeStar(db, id: id + "-twin", ra: 50, dec: dec + 0.5 / 3600)
            }
        }
        try add("good")                                  // member
        try add("no-spectrum", preprocessed: false)      // has_preprocessed_spectrum
        try add("ambiguous", ambiguous: true)            // unambiguous_match
        try add("low-snrg", snrg: 20)                    // lamost_snrg
        try add("low-apogee-snr", apogeeSNR: 50)         // apogee_snr
        try add("star-bad", aspcapflag: 1 << 23)         // aspcapflag
        try add("bad-pixels-flag", starflag: 1)          // starflag
        try add("no-nm", nM: nil)                        // labels_present
        try add("hot", teff: 6500)                       // teff_range
        try add("many-bad", badPixels: 80)               // bad_pixels
        // Repeat: a second, lower-S/N spectrum of the good star.
        obsid += 1
        try TestRows.spectrum(db, obsid: obsid, ra: 50, dec: 10.0 + 101 * 0.01 + 0.2 / 3600, snrg: 120)
        try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: pp)
        return try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db).runID
    }

    @Test func eachCutRemovesExactlyItsRow() async throws {
        try await FreshDatabase.run { db in
            let run = try fixture(db)
            let report = try TrainingSetBuilder().create(
                name: "kgiants", criteria: TrainingSetCriteria(crossmatchRunID: run, validationFraction: 0), connection: db)
            #expect(report.candidates == 11)
            #expect(report.cuts.map(\.name) == [
                "has_preprocessed_spectrum", "unambiguous_match", "lamost_snrg", "apogee_snr", "aspcapflag",
                "starflag", "labels_present", "teff_range", "bad_pixels", "repeat_not_best_snr",
            ])
            #expect(report.cuts.allSatisfy { $0.removed == 1 }, "\(report.text)")
            #expect(report.members == 1)
            let member = try db.query("""
                SELECT m.obsid, m.reference_id, m.labels, t.label_names, t.version
                FROM training_set_member m JOIN training_set t USING (training_set_id)
                """)
            #expect(member.count == 1)
            let row = try member.row(0)
            #expect(try row.decode(Int64.self, "obsid") == 101)
            #expect(try row.decode(String.self, "reference_id") == "good")
            #expect(try row.decode([Float].self, "labels") == [4500, 2.5, -0.2, 0.1, 0.0, 0.2])
            #expect(try row.decode([String].self, "label_names") == ["teff", "logg", "m_h", "alpha_m", "c_m", "n_m"])
        }
    }

    @Test func aSecondSetUnderTheSameNameIsANewVersion() async throws {
        try await FreshDatabase.run { db in
            let run = try fixture(db)
            let criteria = TrainingSetCriteria(crossmatchRunID: run, repeats: .all, validationFraction: 0)
            let first = try TrainingSetBuilder().create(name: "k", criteria: criteria, connection: db)
            let second = try TrainingSetBuilder().create(name: "k", criteria: criteria, connection: db)
            #expect(first.version == 1)
            #expect(second.version == 2)
            #expect(first.members == 2)
        }
    }

    @Test func heldOutSplitIsSeeded() async throws {
        try await FreshDatabase.run { db in
            let run = try fixture(db)
            let a = try TrainingSetBuilder().create(
                name: "a", criteria: TrainingSetCriteria(crossmatchRunID: run, repeats: .all, validationFraction: 0.5, seed: 7), connection: db)
            let b = try TrainingSetBuilder().create(
                name: "b", criteria: TrainingSetCriteria(crossmatchRunID: run, repeats: .all, validationFraction: 0.5, seed: 7), connection: db)
            let split = try db.query("""
                SELECT count(*) FILTER (WHERE x.held_out IS DISTINCT FROM y.held_out)
                FROM training_set_member x JOIN training_set_member y USING (obsid)
                WHERE x.training_set_id = $1 AND y.training_set_id = $2
                """, [a.trainingSetID, b.trainingSetID])
            #expect(try split.first!.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func emptySelectionAndBadInputWriteNothing() async throws {
        try await FreshDatabase.run { db in
            let run = try fixture(db)
            let empty = TrainingSetCriteria(crossmatchRunID: run, snrgMinimum: 10_000)
            let error = #expect(throws: TrainingSetError.self) {
                try TrainingSetBuilder().create(name: "none", criteria: empty, connection: db)
            }
            if case .emptySelection = error {} else { Issue.record("expected emptySelection, got \(String(describing: error))") }
            #expect(throws: TrainingSetError.unknownLabel("vsini", known: ApogeeLabel.allCases.map(\.rawValue))) {
                try ApogeeLabel.parseList("teff,vsini")
            }
            #expect(throws: TrainingSetError.unknownCrossmatchRun(999)) {
                try TrainingSetBuilder().create(name: "x", criteria: TrainingSetCriteria(crossmatchRunID: 999), connection: db)
            }
            #expect(throws: TrainingSetError.invalidName("bad name")) {
                try TrainingSetBuilder().create(name: "bad name", criteria: TrainingSetCriteria(), connection: db)
            }
            #expect(try db.query("SELECT count(*) FROM training_set").first!.decode(Int.self, at: 0) == 0)
        }
    }

    /// Star A has three spectra (S/N_g 80, 160, 120), star B two of equal S/N_g, and star C a best
    /// spectrum that fails the bad-pixel cut beside a poorer one that passes.
    func repeatFixture(_ db: PostgresConnection) throws -> Int {
        let pp = try TestRows.preprocessing(db)
        func star(_ id: String, dec: Double, spectra: [(obsid: Int64, snrg: Double, badPixels: Int)]) throws {
            try TestRows.apogeeStar(db, id: id, ra: 80, dec: dec)
            for (k, s) in spectra.enumerated() {
                try TestRows.spectrum(db, obsid: s.obsid, ra: 80, dec: dec + Double(k) * 0.2 / 3600, snrg: s.snrg)
                try TestRows.preprocessedSpectrum(db, obsid: s.obsid, preprocessingID: pp, badPixels: s.badPixels)
            }
        }
        try star("A", dec: 20, spectra: [(201, 80, 0), (202, 160, 0), (203, 120, 0)])
        try star("B", dec: 21, spectra: [(212, 100, 0), (211, 100, 0)])
        try star("C", dec: 22, spectra: [(221, 200, 80), (222, 90, 0)])
        return try CrossmatchRunner().run(CrossmatchParameters(radiusArcsec: 3), connection: db).runID
    }

    func memberObsids(_ report: TrainingSetReport, _ db: PostgresConnection) throws -> [Int64] {
        try db.query("SELECT obsid FROM training_set_member WHERE training_set_id = $1 ORDER BY obsid", [report.trainingSetID])
            .rows.map { row throws(PostgresError) in try row.decode(Int64.self, at: 0) }
    }

    @Test func repeatsAllKeepsEveryObservationThatPassesTheCuts() async throws {
        try await FreshDatabase.run { db in
            let run = try repeatFixture(db)
            let report = try TrainingSetBuilder().create(
                name: "all", criteria: TrainingSetCriteria(crossmatchRunID: run, repeats: .all, validationFraction: 0), connection: db)
            #expect(try memberObsids(report, db) == [201, 202, 203, 211, 212, 222])
            #expect(!report.cuts.contains { $0.name == "repeat_not_best_snr" })
        }
    }

    @Test func repeatsBestSNRKeepsTheHighestSNRObservationAmongThosePassing() async throws {
        try await FreshDatabase.run { db in
            let run = try repeatFixture(db)
            let report = try TrainingSetBuilder().create(
                name: "best", criteria: TrainingSetCriteria(crossmatchRunID: run, repeats: .bestSNR, validationFraction: 0), connection: db)
            // A: S/N 160; B: the tie goes to the lower obsid; C: the 200 one has too many bad pixels.
            #expect(try memberObsids(report, db) == [202, 211, 222])
            #expect(report.cuts.last?.name == "repeat_not_best_snr")
            #expect(report.cuts.last?.removed == 3)
            #expect(report.cuts.first { $0.name == "bad_pixels" }?.removed == 1)
        }
    }
}
