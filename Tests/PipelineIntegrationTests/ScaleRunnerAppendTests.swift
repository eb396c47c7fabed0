import Catalogue
import Demo
import Foundation
import Pipeline
import Store
import StoreTestSupport
import Testing

/// `slam-bench scale-append`: a release appended to a scale run's database is ingested, predicted and
/// calibrated without redoing the stored spectra, and the retraining check finds nothing to do.
@Suite("Scale append", .serialized)
struct ScaleAppendTests {
    @Test func anAppendedReleaseIsTheOnlyThingPreprocessedAndPredicted() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await TestDatabase.withFresh { db in
            let logger = PipelineEndToEndTests.quietLogger("test.scale")
            let follow = ScaleWorkers.follow(factory: db.factory, concurrency: 2, logger: logger)
            var settings = ScaleSettings(spectra: 700, scratch: dir.appendingPathComponent("run"))
            settings.starTypes = 40
            settings.trainingStars = 60
            settings.queryRuns = 2
            // Appending to a database without a scale run refuses before writing anything.
            await #expect(throws: ScaleBenchmarkError.self) {
                _ = try await ScaleRunner(settings: settings, database: db.factory, logger: logger).append(retrainRuns: 1, say: { _ in },
                                                                                                           follow: follow)
            }
            let run = try await ScaleRunner(settings: settings, database: db.factory, logger: logger).run(say: { _ in }, follow: follow)
            let (models, before) = try await db.factory.withConnection { conn in
                try (ModelRegistry().list(conn).count, IngestBenchmarkQueries.counts(db: conn))
            }

            var more = ScaleSettings(spectra: 120, seed: 2, scratch: dir.appendingPathComponent("append"))
            more.starTypes = 10
            more.queryRuns = 2
            let appended = try await ScaleRunner(settings: more, database: db.factory, logger: logger).append(retrainRuns: 2, say: { _ in },
                                                                                                             follow: follow)
            let files = appended.result.spectra
            #expect(appended.spectraBefore == run.spectra && files > 100)
            #expect(appended.retrainCheckMilliseconds.count == 2)
            let (counts, modelsAfter, predictions) = try await db.factory.withConnection { conn in
                try (IngestBenchmarkQueries.counts(db: conn), ModelRegistry().list(conn).count,
                     DemoProgressQueries.predictionCount(modelID: appended.modelID, db: conn))
            }
            // Every new file is a spectrum row; the mock survey's defective ones (rejected by the
            // preprocessing) have none of the preprocessed arrays, so they are counted, not assumed.
            let newPreprocessed = counts.preprocessed - before.preprocessed
            #expect(counts.spectra == run.spectra + files && newPreprocessed > 100)
            #expect(appended.spectrumRowsWritten == files && appended.preprocessedRowsWritten == newPreprocessed)
            #expect(appended.spectraPredicted == newPreprocessed)
            #expect(modelsAfter == models && predictions == counts.preprocessed)
            // The model keeps its calibration: the predictor wrote the new predictions' calibrated errors from
            // it, and the calibrate job rewrites none of the earlier ones.
            #expect(appended.predictionsCalibrated <= newPreprocessed)
            #expect(appended.result.stages.map(\.name)
                == ["retraining check", "simulate+write", "ingest", "crossmatch", "predict", "calibrate", "export"])
            #expect(appended.result.stages.last?.units == predictions)
        }
    }
}
