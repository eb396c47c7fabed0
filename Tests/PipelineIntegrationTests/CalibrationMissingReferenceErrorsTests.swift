import CatalogueTestSupport
import Foundation
import Pipeline
import Queue
import Store
import StoreTestSupport
import Testing

/// Issue 16, item 5: a reference catalogue without some errors (-9999, NaN or empty in the file, stored
/// as NULL elements) used to fail the calibrate job ("label_errors[2] is NULL but Float was expected")
/// on every one of its 30 attempts. Now the job completes, the floor of such a label is estimated with
/// the reference error taken as 0, and the note says so in the stored calibration and its report.
@Suite("Calibration against a catalogue with missing errors", .serialized)
struct CalibrationMissingReferenceErrorsTests {
    /// Obsids 1...30 of ``TinyModelWorld`` with scattered labels: teff with its error except two
    /// sentinels, logg without any error (-9999, NaN or empty, in turn).
    static func catalogue() throws -> String {
        var lines = ["obsid,teff,teff_err,logg,logg_err"]
        for obsid in 1...30 {
            // The reference labels scatter about the spectra's own (by about 70 K and 0.15 dex), so the
            // cross-validated residuals need a floor beyond the formal errors.
            let (trueTeff, trueLogg) = TinyModelWorld.labels(obsid)
            let (teff, logg) = (trueTeff + 100 * sin(Double(obsid) * 1.7), trueLogg + 0.2 * cos(Double(obsid) * 2.3))
            let teffError = obsid == 3 ? "-9999" : obsid == 4 ? "NaN" : "50"
            let loggError = ["-9999", "NaN", ""][obsid % 3]
            lines.append("\(obsid),\(teff),\(teffError),\(logg),\(loggError)")
        }
        return try LabelCatalogueLoaderTests.write(lines.joined(separator: "\n") + "\n", name: "refs-missing-errors.csv")
    }

    @Test func calibrateJobCompletesAndNotesTheLabelsWithoutReferenceErrors() async throws {
        let path = try Self.catalogue()
        try await TestDatabase.withFresh { database in
            let factory = database.factory
            let (model, loaded) = try await factory.withConnection { db in
                try TinyModelWorld.spectra(db, first: 1, count: 40)
                // Spectra at S/N of about 10^4: formal errors far below the reference labels' scatter.
                try db.execute("""
                    UPDATE spectrum_preprocessed SET ivar_code = array_fill((-32767)::smallint, ARRAY[cardinality(ivar_code)]),
                           log2_ivar_offset = ln(1e8) / ln(2), log2_ivar_step = 1
                    """)
                let mapping = LabelTableMapping(obsidColumn: "obsid", labels: [.init(name: "teff", column: "teff", error: "teff_err"),
                                                                                .init(name: "logg", column: "logg", error: "logg_err")])
                let loaded = try LabelCatalogueLoader(name: "refs", kind: .table, mapping: mapping).load(path: path, connection: db)
                _ = try CatalogueTrainingSetBuilder().create(
                    name: "refs-set", criteria: .init(source: "refs", labels: ["teff", "logg"], snrgMinimum: 0, validationFraction: 0),
                    connection: db)
                let model = try ModelTrainer(settings: TinyModelWorld.settings, logger: TinyModelWorld.quietLogger())
                    .train(trainingSet: "refs-set", connection: db).modelID
                try CalibrateJob.enqueue(modelID: model, db: db)
                return (model, loaded)
            }
            // The loader stored NULL for the sentinels and says which labels lack errors.
            #expect(loaded.missingErrors == ["teff": 2, "logg": 30])
            #expect(loaded.text.contains("no error (stored as NULL) for teff in 2 rows, logg in 30 rows"), "\(loaded.text)")

            var logger = TinyModelWorld.quietLogger()
            logger.logLevel = .critical
            try await Queue.Worker(
                configuration: WorkerConfiguration(kinds: [JobKind.calibrate], concurrency: 1, pollIntervalSeconds: 0.1,
                                                   untilEmpty: true, untilEmptyHorizonSeconds: 3),
                registry: JobKind.registry(), database: factory, logger: logger).run()

            try await factory.withConnection { db in
                let job = try #require(try db.query("SELECT state, attempt, last_error FROM job WHERE kind = $1", [JobKind.calibrate]).first)
                let lastError = try job.decode(String?.self, at: 2) ?? "-"
                #expect(try job.decode(String.self, at: 0) == "completed", "last error: \(lastError)")
                #expect(try job.decode(Int.self, at: 1) == 1)
                let rows = try db.query("""
                    SELECT label, n_validation, error_floor, note FROM model_error_inflation WHERE model_id = $1 AND scope = 'all' ORDER BY label
                    """, [model]).rows.map { (label: try $0.decode(String.self, at: 0), n: try $0.decode(Int.self, at: 1),
                                             floor: try $0.decode(Double.self, at: 2), note: try $0.decode(String?.self, at: 3)) }
                #expect(rows.map(\.label) == ["logg", "teff"])
                #expect(rows.allSatisfy { $0.n == 30 })
                let logg = try #require(rows.first), teff = try #require(rows.last)
                #expect(logg.note?.hasPrefix("reference error unknown for 30 of 30 cross-validation stars") == true, "\(logg.note ?? "nil")")
                #expect(teff.note?.hasPrefix("reference error unknown for 2 of 30 cross-validation stars") == true, "\(teff.note ?? "nil")")
                #expect(logg.floor > 0)
                // Every bin row of a label carries the note of the floor it uses.
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model_error_inflation WHERE model_id = $1 AND note IS NULL", [model]) == 0)
                // The report `slam calibrate` prints shows the notes.
                let report = try ErrorCalibrationReport.load(modelID: model, db: db)
                #expect(report.contains("note: logg floor: reference error unknown for 30 of 30"), "\(report)")
                #expect(report.contains("note: teff floor: reference error unknown for 2 of 30"), "\(report)")

                // "Without the reference's error" means as if it were 0: logg's floor is the same with zeros.
                try db.execute("UPDATE training_set_member SET label_errors = ARRAY[label_errors[1], 0]::real[]")
                let again = try ErrorCalibrator().calibrate(modelID: model, db: db)
                let loggAgain = try #require(again.rows.first { $0.label == "logg" && $0.scope == "all" })
                #expect(loggAgain.floor == logg.floor)
                #expect(loggAgain.note == nil)
                #expect(again.rows.first { $0.label == "teff" && $0.scope == "all" }?.note != nil)
            }
        }
    }
}

/// Stored rows the calibration cannot read fail the same way on every attempt: the calibrate job stops
/// at its first attempt with the reason, instead of retrying 30 times.
@Suite("Calibrate job: unreadable stored rows", .serialized)
struct CalibrateUnreadableRowsTests {
    @Test func unreadablePredictionsKillTheCalibrateJobAtItsFirstAttempt() async throws {
        try await TestDatabase.withFresh { database in
            let factory = database.factory
            try await factory.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                // A repeat pair whose stored labels hold a NULL element (written by hand, not by SLAM).
                for obsid in Int64(500)...501 {
                    try TestRows.spectrum(db, obsid: obsid, ra: 150, dec: 5, snrg: 50, designation: "J-pair")
                    // A raw INSERT on purpose: the malformed row (a NULL element) is what the test is about.
                    try db.execute("""
                        INSERT INTO prediction (model_id, obsid, labels, formal_errors, covariance, n_pixels, iterations, status)
                        VALUES ($1, $2, ARRAY[4500, NULL]::real[], '{40,0.1}', '{1600,0,0,0.01}', 12, 5, 'converged')
                        """, [model, obsid])
                }
                try CalibrateJob.enqueue(modelID: model, db: db)
            }
            var logger = TinyModelWorld.quietLogger()
            logger.logLevel = .critical
            try await Queue.Worker(
                configuration: WorkerConfiguration(kinds: [JobKind.calibrate], concurrency: 1, pollIntervalSeconds: 0.1,
                                                   untilEmpty: true, untilEmptyHorizonSeconds: 3),
                registry: JobKind.registry(), database: factory, logger: logger).run()
            try await factory.withConnection { db in
                let job = try #require(try db.query("SELECT state, attempt, last_error FROM job WHERE kind = $1", [JobKind.calibrate]).first)
                #expect(try job.decode(String.self, at: 0) == "dead")
                #expect(try job.decode(Int.self, at: 1) == 1)
                let error = try job.decode(String?.self, at: 2) ?? ""
                #expect(error.contains("calibration cannot read its stored rows") && error.contains("NULL"), "\(error)")
            }
        }
    }
}
