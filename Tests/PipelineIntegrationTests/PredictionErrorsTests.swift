import CatalogueTestSupport
import Foundation
import Pipeline
import Queue
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// Errors and flags of stored predictions (issue 11): the formal covariance, calibrated errors, the
/// preprocessing flags, stored fit spectra, and the error inflation from repeat observations.
@Suite("Prediction errors and calibration", .serialized)
struct PredictionErrorsTests {
    @Test func predictionsKeepSymmetricCovarianceCalibratedErrorsFlagsAndFitSpectra() async throws {
        try await FreshDatabase.run { db in
            let model = try TinyModelWorld.trainedModel(db)
            try ModelRegistry().promote(model, db: db)
            try db.execute("UPDATE spectrum_preprocessed SET flags = 1024 WHERE obsid = 35")
            try db.execute("UPDATE spectrum_preprocessed SET flags = 2048 WHERE obsid = 36")
            try db.execute("UPDATE spectrum_preprocessed SET ivar_code[3] = -32768 WHERE obsid = 37")
            let summary = try SpectrumPredictor().predict(modelID: model, obsids: Array(31...40), db: db, storeSpectra: true)
            #expect(summary.written == 10)
            let l = TinyModelWorld.labelNames.count
            for row in try db.query("SELECT obsid, covariance, formal_errors, calibrated_errors, flags FROM prediction ORDER BY obsid").rows {
                let obsid = try row.decode(Int64.self, at: 0)
                let c = try row.decode([Float].self, at: 1), e = try row.decode([Float].self, at: 2)
                try #require(c.count == l * l)
                for i in 0..<l {
                    #expect(abs(c[i * l + i].squareRoot() - e[i]) <= 1e-4 * e[i])
                    for j in 0..<l { #expect(c[i * l + j] == c[j * l + i], "obsid \(obsid) covariance not symmetric") }
                }
                let calibrated = try row.decode([Float]?.self, at: 3)
                #expect(calibrated?.count == l, "obsid \(obsid): no calibrated errors from the CV error calibration")
                let flags = try row.decode(Int.self, at: 4)
                #expect((flags & 1024 != 0) == (obsid == 35))
                #expect((flags & 2048 != 0) == (obsid == 36))
            }
            // Model spectra and residuals, NaN exactly where the pixel had no weight.
            let stored = try db.query("""
                SELECT ps.obsid, ps.model_flux, ps.residual, sp.flux, sp.ivar FROM prediction_spectrum ps
                JOIN spectrum_preprocessed_arrays sp USING (obsid) ORDER BY obsid
                """).rows
            #expect(stored.count == 10)
            for r in stored {
                let m = try r.decode([Float].self, at: 1), res = try r.decode([Float].self, at: 2)
                let f = try r.decode([Float].self, at: 3), v = try r.decode([Float].self, at: 4)
                #expect(m.count == TinyModelWorld.pixels && res.count == m.count)
                for j in m.indices {
                    if v[j] > 0 { #expect(abs(res[j] - (f[j] - m[j])) < 1e-6) } else { #expect(res[j].isNaN) }
                }
            }
            // The view gives every label's three errors by name.
            let view = try db.query("""
                SELECT count(*), count(calibrated_error), count(empirical_error), count(DISTINCT label)
                FROM labels_errors WHERE model_id = $1
                """, [model]).first!
            #expect(try view.decode(Int.self, at: 0) == 10 * l)
            #expect(try view.decode(Int.self, at: 1) == 10 * l)
            #expect(try view.decode(Int.self, at: 3) == l)
        }
    }

    /// The catalogue publishes the posterior mean under the training set's label density and keeps the
    /// maximum-likelihood fit in ml_labels; with `estimate` ml the fit is published and ml_labels is NULL.
    @Test func bothEstimatesAreStoredAndTheSettingsSayWhichIsPublished() async throws {
        try await FreshDatabase.run { db in
            let model = try TinyModelWorld.trainedModel(db)
            let l = TinyModelWorld.labelNames.count
            _ = try SpectrumPredictor().predict(modelID: model, obsids: Array(31...35), db: db)
            var plain = PredictionSettings()
            plain.estimate = "ml"
            _ = try SpectrumPredictor().predict(modelID: model, obsids: Array(36...40), db: db, settings: plain)
            var moved = 0
            for row in try db.query("""
                SELECT p.obsid, p.labels, p.ml_labels, ps.settings->>'estimate' FROM prediction p
                JOIN prediction_settings ps ON ps.settings_id = p.settings_id ORDER BY p.obsid
                """).rows {
                let obsid = try row.decode(Int64.self, at: 0)
                let labels = try row.decode([Float].self, at: 1), fit = try row.decode([Float]?.self, at: 2)
                let estimate = try row.decode(String.self, at: 3)
                if obsid <= 35 {
                    #expect(estimate == PredictionOptions.catalogue.estimate.name)
                    let ml = try #require(fit, "obsid \(obsid): no ml_labels beside a posterior mean")
                    #expect(ml.count == l && ml.allSatisfy(\.isFinite))
                    if ml != labels { moved += 1 }
                } else {
                    #expect(estimate == "ml")
                    #expect(fit == nil, "obsid \(obsid): ml_labels stored although the fit is published")
                }
            }
            #expect(moved > 0, "the posterior mean never differed from the fit")
        }
    }

    /// Stars observed twice whose labels scatter by `factor` times their formal errors: the calibration
    /// finds the factor, stores it and applies it.
    @Test func repeatPairsWithUnderestimatedErrorsGiveTheirInflationFactor() async throws {
        try await FreshDatabase.run { db in
            let model = try TinyModelWorld.trainedModel(db)
            let factors = [2.5, 1.5]
            let errors: [Float] = [40, 0.08]
            var rng = SplitMix64(seed: 5)
            let covariance = [errors[0] * errors[0], 0, 0, errors[1] * errors[1]]
            func predict(_ obsid: Int64, _ labels: [Float]) throws {
                try TestRows.prediction(db, modelID: model, obsid: obsid, labels: labels, formalErrors: errors, covariance: covariance,
                                        pixelCount: 12, iterations: 5)
            }
            for k in 0..<300 {
                let truth = [4500 + 20 * Double(k % 30), 2 + 0.01 * Double(k % 50)]
                for visit in 0..<2 {
                    let obsid = Int64(10_000 + 2 * k + visit)
                    try TestRows.spectrum(db, obsid: obsid, ra: 100 + 0.01 * Double(k), dec: 5, snrg: visit == 0 ? 40 : 90,
                                          designation: "J-pair-\(k)")
                    try predict(obsid, (0..<2).map { Float(truth[$0] + factors[$0] * Double(errors[$0]) * rng.normal()) })
                }
            }
            // A single-visit star and a same-designation pair too far apart are not pairs.
            try TestRows.spectrum(db, obsid: 20_000, ra: 200, dec: 5, snrg: 50, designation: "J-far")
            try TestRows.spectrum(db, obsid: 20_001, ra: 201, dec: 5, snrg: 50, designation: "J-far")
            try predict(20_000, [4000, 1])
            try predict(20_001, [5000, 3])
            // No S/N: the all-S/N calibration applies.
            try TestRows.spectrum(db, obsid: 20_002, ra: 202, dec: 5, snrg: nil)
            try predict(20_002, [4500, 2])
            let summary = try ErrorCalibrator().calibrate(modelID: model, db: db, jobID: 7)
            #expect(summary.pairs == 300)
            #expect(summary.predictionsUpdated == 603)
            for (j, name) in TinyModelWorld.labelNames.enumerated() {
                let all = try #require(summary.rows.first { $0.label == name && $0.scope == "all" })
                #expect(abs(all.inflation / factors[j] - 1) < 0.12, "\(name): inflation \(all.inflation), true \(factors[j])")
                #expect(all.pairs == 300)
            }
            // Stored, and applied: calibrated = sqrt((inflation x formal)^2 + floor^2) in the spectrum's bin.
            let stored = try db.query("SELECT count(*), min(inflation), bool_and(calibrate_job_id = 7), bool_and(method = $2) "
                                      + "FROM model_error_inflation WHERE model_id = $1",
                                      [model, "slam-cal/1 radius=3 minpairs=25 minvalidation=20 exclude=98"]).first!
            #expect(try stored.decode(Bool.self, at: 3))
            #expect(try stored.decode(Int.self, at: 0) == summary.rows.count)
            #expect(try stored.decode(Bool.self, at: 2))
            let errorModel = try ErrorCalibrationStore.load(modelID: model, labelNames: TinyModelWorld.labelNames, db: db)
            for r in try db.query("""
                SELECT pr.calibrated_errors, s.snrg::float8 FROM prediction pr JOIN lamost_spectrum s USING (obsid)
                WHERE pr.model_id = $1 AND pr.obsid BETWEEN 10000 AND 10100
                """, [model]).rows {
                let calibrated = try r.decode([Float].self, at: 0)
                let expected = errorModel.errors(formal: errors.map(Double.init), snr: try r.decode(Double.self, at: 1))
                for j in 0..<2 {
                    let e = try #require(expected[j])
                    #expect(abs(Double(calibrated[j]) - e) <= 1e-4 * e)
                    #expect(Double(calibrated[j]) >= 0.99 * Double(errors[j]) * 1.3)
                }
            }
            let noSNR = try db.query("SELECT calibrated_errors FROM prediction WHERE obsid = 20002").first!.decode([Float].self, at: 0)
            let overall = errorModel.errors(formal: errors.map(Double.init), snr: nil)
            for j in 0..<2 { #expect(abs(Double(noSNR[j]) - (overall[j] ?? .nan)) <= 1e-4 * Double(noSNR[j])) }
            // Calibrating again replaces the rows and gives the same result, rewriting no prediction (its
            // calibrated errors are already those: no dead row versions, no WAL for a million of them).
            let again = try ErrorCalibrator().calibrate(modelID: model, db: db)
            #expect(again.rows == summary.rows)
            #expect(again.predictionsUpdated == 0)
            // A prediction added since (an appended release) is the one calibrated.
            try TestRows.spectrum(db, obsid: 20_003, ra: 203, dec: 5, snrg: 60)
            try predict(20_003, [4400, 2])
            #expect(try ErrorCalibrator().calibrate(modelID: model, db: db).predictionsUpdated == 1)
            #expect(try db.query("SELECT count(*) FROM model_error_inflation WHERE model_id = $1", [model]).first!.decode(Int.self, at: 0)
                    == summary.rows.count)

            // Keeping the stored calibration (the job after a later prediction run): a new repeat pair does
            // not refit it, a prediction without calibrated errors gets them, and no other row is read or
            // written (the one altered here stays altered).
            try TestRows.spectrum(db, obsid: 20_004, ra: 204, dec: 5, snrg: 60, designation: "J-new")
            try TestRows.spectrum(db, obsid: 20_005, ra: 204, dec: 5, snrg: 60, designation: "J-new")
            try predict(20_004, [4000, 1])
            try predict(20_005, [6000, 4])
            try db.execute("UPDATE prediction SET calibrated_errors = '{1, 1}' WHERE model_id = $1 AND obsid = 10000", [model])
            let kept = try ErrorCalibrator().calibrate(modelID: model, db: db, keepingStoredCalibration: true)
            #expect(kept.kept && kept.pairs == 300 && kept.predictionsUpdated == 2)
            #expect(kept.rows.count == summary.rows.count
                    && Set(kept.rows.map { "\($0.label) \($0.scope) \($0.snrMin) \($0.inflation)" })
                    == Set(summary.rows.map { "\($0.label) \($0.scope) \($0.snrMin) \($0.inflation)" }))
            #expect(kept.text.hasPrefix("model \(model): calibration kept (300 repeat pairs"), "\(kept.text)")
            let altered = { try db.query("SELECT calibrated_errors FROM prediction WHERE model_id = $1 AND obsid = 10000", [model])
                .first!.decode([Float].self, at: 0) }
            #expect(try altered() == [1, 1])
            // Fitting again (`slam calibrate`) uses the new pair and rewrites what changes.
            let refit = try ErrorCalibrator().calibrate(modelID: model, db: db)
            #expect(!refit.kept && refit.pairs == 301 && refit.predictionsUpdated >= 1)
            #expect(try altered() != [1, 1])
        }
    }

    @Test func aCalibrateJobFollowsThePredictionJobsOfAModel() async throws {
        try await TestDatabase.withFresh { database in
            let factory = database.factory
            let model = try await factory.withConnection { db in try TinyModelWorld.trainedModel(db) }
            let planned = try await factory.withConnection { db in
                try PredictJob.enqueue(modelID: model, filter: try SpectrumFilter(""), batchSize: 15, db: db)
            }
            #expect(planned.jobIDs.count == 3)
            // Planned again while pending: the same jobs (unique keys), none added; all in one bulk insert.
            let again = try await factory.withConnection { db in
                try PredictJob.enqueue(modelID: model, filter: try SpectrumFilter(""), batchSize: 15, db: db)
            }
            #expect(again.jobIDs == planned.jobIDs && again.spectra == planned.spectra)
            #expect(try await factory.withConnection { db in
                try TinyModelWorld.count(db, "SELECT count(*) FROM job WHERE kind = 'predict'")
            } == 3)
            var logger = TinyModelWorld.quietLogger()
            logger.logLevel = .critical
            let worker = Queue.Worker(
                configuration: WorkerConfiguration(kinds: [JobKind.predict, JobKind.calibrate], concurrency: 2, pollIntervalSeconds: 0.2,
                                                   untilEmpty: true, untilEmptyHorizonSeconds: 3),
                registry: JobKind.registry(), database: factory, logger: logger)
            try await worker.run()
            try await factory.withConnection { db in
                let jobs = try db.query("SELECT state, count(*) FROM job WHERE kind = 'calibrate' GROUP BY state").rows
                    .map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1)) }
                #expect(jobs.count == 1 && jobs.first?.0 == "completed" && jobs.first?.1 == 1, "\(jobs)")
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model_error_inflation WHERE model_id = $1", [model]) > 0)
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction WHERE calibrated_errors IS NULL") == 0)
            }
        }
    }
}
