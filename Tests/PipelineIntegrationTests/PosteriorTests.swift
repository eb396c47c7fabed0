import Foundation
import Logging
import Pipeline
import Queue
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// Posterior jobs (issue 11): sampling writes one row per spectrum; an unknown obsid or a fully masked
/// spectrum is a clear error and writes nothing; prediction runs record their fit settings.
@Suite("Posterior sampling and fit settings")
struct PosteriorTests {
    static var sampler: EnsembleSamplerSettings {
        var s = EnsembleSamplerSettings()
        s.walkers = 8
        s.steps = 300
        s.burnIn = 100
        s.seed = 7
        return s
    }

    /// Runs in-process workers for `kinds` until the queue is empty.
    static func work(_ factory: PostgresConnectionFactory, kinds: [String]) async throws {
        let worker = Queue.Worker(
            configuration: WorkerConfiguration(kinds: kinds, concurrency: 1, pollIntervalSeconds: 0.2,
                                               untilEmpty: true, untilEmptyHorizonSeconds: 0.5),
            registry: JobKind.registry(), database: factory, logger: TinyModelWorld.quietLogger())
        try await worker.run()
    }

    @Test func aPosteriorJobWritesPercentilesAroundTheFittedLabels() async throws {
        try await TestDatabase.withFresh { database in
            let model = try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                _ = try PosteriorJob.enqueue(modelID: model, obsids: [35], sampler: Self.sampler, db: db)
                return model
            }
            try await Self.work(database.factory, kinds: [JobKind.posterior])
            try await database.withConnection { db in
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM job WHERE kind = 'posterior' AND state = 'completed'") == 1)
                let row = try #require(try db.query("""
                    SELECT label_names, fit_labels, p16, p50, p84, acceptance, walkers, steps, burn_in, seed, loss, posterior_job_id
                    FROM posterior WHERE model_id = $1 AND obsid = 35
                    """, [model]).first)
                #expect(try row.decode([String].self, at: 0) == TinyModelWorld.labelNames)
                let fit = try row.decode([Float].self, at: 1)
                let p16 = try row.decode([Float].self, at: 2), p50 = try row.decode([Float].self, at: 3), p84 = try row.decode([Float].self, at: 4)
                for k in 0..<2 {
                    #expect(p16[k] < p50[k] && p50[k] < p84[k])
                    #expect(abs(p50[k] - fit[k]) < 2 * (p84[k] - p16[k]))
                }
                let (teff, _) = TinyModelWorld.labels(35)
                #expect(abs(Double(p50[0]) - teff) < 300)  // a 30-star model of a held-out star
                #expect(try row.decode(Float.self, at: 5) > 0.1)
                #expect(try row.decode(Int.self, at: 6) == 8)
                #expect(try row.decode(Int.self, at: 9) == 7)
                #expect(try row.decode(String.self, at: 10) == PredictionOptions().loss.name)
                #expect(try row.decode(Int64?.self, at: 11) != nil)
            }
        }
    }

    @Test func anUnknownObsidOrAFullyMaskedSpectrumIsAClearErrorAndWritesNothing() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                do throws(PosteriorError) {
                    _ = try PosteriorRunner().run(modelID: model, obsids: [36, 999_999], sampler: Self.sampler, db: db)
                    Issue.record("an unknown obsid was accepted")
                } catch {
                    guard case .unknownSpectrum(obsid: 999_999, modelID: model, preprocessingID: _) = error else {
                        Issue.record("unexpected error \(error)"); return
                    }
                    #expect(error.description.contains("999999"))
                }
                try db.execute("UPDATE spectrum_preprocessed SET ivar_code = array_fill((-32768)::smallint, ARRAY[\(TinyModelWorld.pixels)::int]) WHERE obsid = 37")
                do throws(PosteriorError) {
                    _ = try PosteriorRunner().run(modelID: model, obsids: [36, 37], sampler: Self.sampler, db: db)
                    Issue.record("a fully masked spectrum was accepted")
                } catch {
                    guard case .inference(obsid: 37, _) = error else { Issue.record("unexpected error \(error)"); return }
                    #expect(error.description.contains("every pixel is bad"))
                }
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM posterior") == 0)
                _ = try PosteriorJob.enqueue(modelID: model, obsids: [999_999], sampler: Self.sampler, db: db)
            }
            try await Self.work(database.factory, kinds: [JobKind.posterior])
            try await database.withConnection { db in
                let error = try db.query("SELECT last_error FROM job WHERE kind = 'posterior'").first?.decode(String?.self, at: 0)
                #expect(error?.contains("999999") == true, "job error: \(String(describing: error))")
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM job WHERE kind = 'posterior' AND state = 'dead'") == 1)
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM posterior") == 0)
            }
        }
    }

    @Test func predictionsRecordTheirFitSettings() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                var plain = PredictionSettings()
                plain.loss = "linear"
                _ = try SpectrumPredictor().predict(modelID: model, obsids: [31, 32], db: db, settings: plain)
                _ = try SpectrumPredictor().predict(modelID: model, obsids: [33], db: db)
                _ = try SpectrumPredictor().predict(modelID: model, obsids: [34], db: db)
                let losses = try db.query("""
                    SELECT pr.obsid, ps.settings->>'loss' FROM prediction pr JOIN prediction_settings ps USING (settings_id)
                    WHERE pr.model_id = $1 ORDER BY pr.obsid
                    """, [model]).rows.map { "\(try $0.decode(Int64.self, at: 0)) \(try $0.decode(String.self, at: 1))" }
                let robust = PredictionOptions().loss.name
                #expect(losses == ["31 linear", "32 linear", "33 \(robust)", "34 \(robust)"])
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction_settings") == 2)
                let stored = try db.query("SELECT settings FROM prediction_settings WHERE settings->>'loss' = 'linear'").first
                let decoded = try JSONDecoder().decode(PredictionSettings.self, from: Data(try #require(stored).decode(String.self, at: 0).utf8))
                #expect(decoded == plain)
                #expect(try decoded.options().loss == .linear)
                // --where of slam posterior: the model's spectra matching a filter (S/N_g 30, 50, 70, 90, 110 in turn).
                let bright = try SpectrumSelection.matching(try SpectrumFilter("snrg > 100"), modelID: model, db: db)
                #expect(bright == [5, 10, 15, 20, 25, 30, 35, 40])
            }
        }
    }

    @Test func densityWeightingIsStoredWithTheModel() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TinyModelWorld.spectra(db, first: 1, count: 30)
                try TinyModelWorld.trainingSet(db, obsids: Array(1...30), preprocessingID: pp)
                var settings = TinyModelWorld.settings
                settings.densityWeighting = TrainingDensityWeights()
                let id = try ModelTrainer(settings: settings, logger: TinyModelWorld.quietLogger())
                    .train(trainingSet: TinyModelWorld.trainingSetName, connection: db).modelID
                let json = try #require(try db.query("SELECT settings FROM model WHERE model_id = $1", [id]).first).decode(String.self, at: 0)
                let stored = try JSONDecoder().decode(ModelTrainingSettings.self, from: Data(json.utf8))
                #expect(stored.densityWeighting == TrainingDensityWeights())
                let old = try JSONDecoder().decode(ModelTrainingSettings.self, from: Data(try JSONEncoder().encode(TinyModelWorld.settings)))
                #expect(old.densityWeighting == nil)
            }
        }
    }
}
