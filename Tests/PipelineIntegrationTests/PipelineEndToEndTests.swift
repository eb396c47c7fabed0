import Foundation
import Logging
import Demo
import Pipeline
import Queue
import Store
import StoreTestSupport
import Testing

/// The whole pipeline on a small mock survey: simulate, ingest, crossmatch, training set, train
/// (fixed hyperparameters), predict, evaluate; then the properties issue 7 asks of versions.
@Suite("Pipeline end to end", .serialized)
struct PipelineEndToEndTests {
    /// Runs workers in this process until the given jobs are done.
    static func follow(_ factory: PostgresConnectionFactory) -> DemoRunner.Follow {
        DemoRunner.inProcessWorkers(factory, logger: quietLogger("test.worker"))
    }

    static func quietLogger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }

    @Test func smallMockSurveyEndToEnd() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await TestDatabase.withFresh { db in
            let factory = db.factory
            let logger = Self.quietLogger("test.demo")
            var settings = DemoSettings(stars: 400, seed: 3, output: dir, hyperparameters: DemoSettings.defaultFixed, folds: 3)
            settings.densityComparison = false  // DemoReportTests covers it
            let result = try await DemoRunner(settings: settings, database: factory, logger: logger)
                .run(say: { _ in }, follow: Self.follow(factory))

            // Precision against the truth is sane at S/N_g > 50.
            let truth = result.truth
            let high = truth.statistics.bins.filter { $0.lowerSNR >= 60 }
            let teffResiduals = high.map { ($0.count, $0.labels[0].scatter) }.filter { $0.0 > 0 }
            #expect(!teffResiduals.isEmpty)
            for (count, scatter) in teffResiduals where count >= 5 {
                #expect(scatter < 150, "Teff scatter \(scatter) K at S/N > 60 over \(count) spectra")
            }
            #expect(result.crossValidation.overall?.count ?? 0 > 0)

            // The second application (AFGK stars, LASP labels) recovers the truth within its cross-validated
            // scatter against LASP at S/N_g >= 100 (LASP's own errors are about 100 K, 0.15 and 0.1 dex).
            #expect(result.applications.map(\.labelSet) == ["apogee-dr15", "lasp-dr5"])
            if let lasp = result.applications.last, let cv = lasp.crossValidation.overall {
                for (j, name) in lasp.truth.labelNames.enumerated() where name == "teff" || name == "feh" {
                    let bins = lasp.truth.statistics.bins.filter { $0.lowerSNR >= 100 && $0.count >= 5 }
                    #expect(!bins.isEmpty)
                    for bin in bins {
                        #expect(bin.labels[j].scatter < (cv.values[j].1 ?? 0), "\(name): truth scatter \(bin.labels[j].scatter) at S/N \(bin.lowerSNR)")
                    }
                }
            }

            // Every preprocessed spectrum got a prediction (or a recorded failure), with its model id.
            try await db.withConnection { conn in
                let counts = try conn.query("""
                    SELECT (SELECT count(*) FROM spectrum_preprocessed),
                           (SELECT count(*) FROM prediction WHERE model_id = $1),
                           (SELECT count(*) FROM rejection WHERE stage = 'predict'),
                           (SELECT count(*) FROM labels_current WHERE model_id = $1)
                    """, [result.modelID]).first!
                let preprocessed = try counts.decode(Int.self, at: 0)
                // Every training member has a stored cross-validation prediction, every held-out one its prediction.
                let validation = try conn.query("""
                    SELECT (SELECT count(*) FROM model_validation_prediction WHERE model_id = $1 AND kind = 'cross_validation'),
                           (SELECT count(*) FROM model_validation_prediction WHERE model_id = $1 AND kind = 'held_out'),
                           (SELECT n_train FROM model WHERE model_id = $1),
                           (SELECT count(*) FROM training_set_member m JOIN model USING (training_set_id)
                            WHERE model.model_id = $1 AND m.held_out)
                    """, [result.modelID]).first!
                #expect(try validation.decode(Int.self, at: 0) == validation.decode(Int.self, at: 2))
                #expect(try validation.decode(Int.self, at: 1) == validation.decode(Int.self, at: 3))
                #expect(try counts.decode(Int.self, at: 1) + counts.decode(Int.self, at: 2) == preprocessed)
                #expect(try counts.decode(Int.self, at: 3) == counts.decode(Int.self, at: 1))
            }

            // Re-running the prediction of the same model is a no-op.
            let again = try await factory.withConnection {
                try PredictJob.enqueue(modelID: result.modelID, filter: try SpectrumFilter(""), db: $0)
            }
            #expect(again.spectra == 0)

            // A second model version coexists; promotion switches labels_current.
            let second = try await factory.withConnection { conn in
                try ModelTrainer(settings: ModelTrainingSettings(hyperparameters: .fixed(c: 8, epsilon: 0.05, gamma: 0.2), validationFolds: 2),
                                 logger: logger).train(trainingSet: "demo-kgiants", connection: conn)
            }
            let planned = try await factory.withConnection {
                try PredictJob.enqueue(modelID: second.modelID, filter: try SpectrumFilter("snrg > 50"), batchSize: 100, db: $0)
            }
            try await Self.follow(factory)(planned.jobIDs, [JobKind.predict], "", nil)
            try await db.withConnection { conn in
                // The demo's second application (LASP labels) is a label set of its own, left untouched.
                let apogee: SQL = "label_set = \("apogee-dr15")"
                #expect(try conn.query("SELECT count(DISTINCT model_id) FROM labels_history WHERE \(apogee)").first!.decode(Int.self, at: 0) == 2)
                #expect(try conn.query("SELECT DISTINCT model_id FROM labels_current WHERE \(apogee)").first!.decode(Int.self, at: 0) == result.modelID)
                try ModelRegistry().promote(second.modelID, db: conn)
                #expect(try conn.query("SELECT DISTINCT model_id FROM labels_current WHERE \(apogee)").first!.decode(Int.self, at: 0) == second.modelID)
                #expect(try conn.query("SELECT count(*) FROM labels_current WHERE \(apogee)").first!.decode(Int.self, at: 0) == planned.spectra)
                #expect(try conn.query("SELECT count(DISTINCT label_set) FROM labels_current").first!.decode(Int.self, at: 0) == 2)
            }
        }
    }
}
