import Catalogue
import Foundation
import Logging
import Pipeline
import Simulator
import Store

/// A new release appended to the database a scale run left (`slam-bench scale-append`, issue 18): the
/// scheduled retraining check timed while nothing changed, then `settings.spectra` new spectrum files
/// (obsids above those stored, another seed) written and ingested chunk by chunk, the whole survey
/// crossmatched again, the current model's predictions planned (only the spectra it has not predicted),
/// the errors calibrated, the labels exported and the users' queries timed. It counts what each step
/// wrote, so that "only the new spectra" is measured rather than assumed.
extension ScaleRunner {
    /// What an append measured.
    public struct AppendResult: Sendable {
        /// The stages, queries and table growth of the append (`spectra`: the appended files).
        public var result: ScaleResult
        /// Spectra stored before the append.
        public var spectraBefore: Int
        /// The model whose predictions were extended.
        public var modelID: Int
        /// Milliseconds of each run of the retraining check (`ModelRetrainer` on the run's training set, which
        /// found nothing to do), in order; empty when the training set was behind (not timed).
        public var retrainCheckMilliseconds: [Double]
        /// Rows the ingest wrote to `lamost_spectrum` and to `spectrum_preprocessed` (new and rewritten).
        public var spectrumRowsWritten: Int
        public var preprocessedRowsWritten: Int
        /// Spectra the prediction planned (those the model had not predicted).
        public var spectraPredicted: Int
        /// Predictions the calibration wrote (rewrote): its `UPDATE` skips rows whose errors do not change.
        public var predictionsCalibrated: Int
    }

    /// Appends a release of `settings.spectra` files to the database of an earlier `slam-bench scale` run
    /// (its training set ``trainingSetName`` and a current model trained on it). Refuses (without writing)
    /// when that training set has no model counting as trained. The retraining check is timed only while
    /// the training set is up to date: after an earlier append's crossmatch it would train instead of
    /// answering, and is left out (``AppendResult/retrainCheckMilliseconds`` empty).
    /// - Throws: ``ScaleBenchmarkError/emptyStage(stage:detail:)`` for a database that is not such a run's.
    public func append(retrainRuns: Int = 20, say: @escaping @Sendable (String) -> Void,
                       follow: @escaping DemoRunner.Follow) async throws -> AppendResult {
        try await checkDisk()
        let name = Self.trainingSetName
        let (state, current, spectraBefore, largestObsid) = try await database.withConnection { db in
            try (RetrainPlanQueries.crossmatchState(trainingSet: name, db: db), ModelPromotionQueries.currentModels(labelSet: nil, db: db),
                 IngestBenchmarkQueries.counts(db: db).spectra, ScaleBenchmarkQueries.largestObsid(db: db))
        }
        guard let state, state.trained else {
            throw ScaleBenchmarkError.emptyStage(
                stage: "append", detail: "the database holds no training set \(name) with a trained model (run slam-bench scale on it first)")
        }
        guard let modelID = current.max() else {
            throw ScaleBenchmarkError.emptyStage(stage: "append", detail: "no current model to extend")
        }
        // An earlier append's crossmatch (or a newer preprocessing) left the training set behind: the check
        // would rebuild it and train, so it is not timed.
        let upToDate = state.crossmatchRunID == state.latestCrossmatchRunID && state.preprocessingID == state.latestPreprocessingID
        let sampler = try await startSampler()
        defer { sampler.stop() }
        let initial = try await sizes()
        var stages: [ScaleStage] = []
        func stage(_ name: String, unit: String, _ body: () async throws -> Int) async throws {
            stages.append(try await measure(name, unit: unit, sampler: sampler, say: say, body))
        }

        // 1. The retraining check, nothing changed: it must answer without training.
        var checks: [Double] = []
        if upToDate {
            try await stage("retraining check", unit: "checks") {
                checks = try await timeRetrainingCheck(trainingSet: name, runs: retrainRuns)
                return checks.count
            }
        } else {
            say("== retraining check: not timed (\(name) is behind the latest crossmatch or preprocessing, from an earlier append: it would train)")
        }

        // 2. The new release, written and ingested chunk by chunk.
        let planStart = ContinuousClock.now
        let configuration = MockSurveyConfiguration(stars: settings.stars, seed: settings.seed, starTypes: settings.starTypes,
                                                    apogeeOnlyRows: 0, firstObsid: largestObsid + 1)
        let source = try FastSpectrumSource(survey: try MockSurvey(configuration: configuration), compressed: settings.compressed,
                                            workers: settings.writerThreads)
        let beforeIngest = try await database.withConnection { try ScaleBenchmarkQueries.transactionMark(db: $0) }
        let (summary, streamed) = try await stream(source, sampler: sampler, planSeconds: (ContinuousClock.now - planStart).seconds,
                                                   say: say, follow: follow)
        stages += streamed
        let written = try await database.withConnection { db in
            try (ScaleBenchmarkQueries.rowsWritten(in: "lamost_spectrum", since: beforeIngest, db: db),
                 ScaleBenchmarkQueries.rowsWritten(in: "spectrum_preprocessed", since: beforeIngest, db: db))
        }
        say("   the ingest wrote \(written.0) spectrum rows and \(written.1) preprocessed spectra for \(summary.files) new files")

        // 3-5. The crossmatch of the whole survey, the new spectra predicted, the errors calibrated.
        try await stage("crossmatch", unit: "spectra") {
            try await crossmatch(follow: follow)
            return spectraBefore + summary.files
        }
        var planned = 0
        try await stage("predict", unit: "spectra") {
            planned = try await predict(modelID: modelID, follow: follow)
            return planned
        }
        say("   prediction planned \(planned) spectra of model \(modelID)")
        let beforeCalibration = try await database.withConnection { try ScaleBenchmarkQueries.transactionMark(db: $0) }
        try await stage("calibrate", unit: "spectra") {
            let (_, text) = try await DemoRunner.calibrate(modelID, database: database, follow: follow)
            say("   " + text)
            return spectraBefore + summary.files
        }
        let calibrated = try await database.withConnection {
            try ScaleBenchmarkQueries.rowsWritten(in: "prediction", since: beforeCalibration, db: $0)
        }
        say("   the calibration wrote \(calibrated) predictions")

        // 6-7. Export of every label, the users' queries.
        try await stage("export", unit: "rows") { try await export(modelID: modelID) }
        let queries = try await timeQueries()
        let result = ScaleResult(spectra: summary.files, apogeeRows: 0, stages: stages, queries: queries,
                                 tables: ScaleStage.growth(before: initial, after: try await sizes()))
        return AppendResult(result: result, spectraBefore: spectraBefore, modelID: modelID, retrainCheckMilliseconds: checks,
                            spectrumRowsWritten: written.0, preprocessedRowsWritten: written.1, spectraPredicted: planned,
                            predictionsCalibrated: calibrated)
    }

    /// Runs the retraining check of `trainingSet` `runs` times; the milliseconds of each, in order.
    /// - Throws: ``ScaleBenchmarkError/emptyStage(stage:detail:)`` if a run rebuilt the set or trained a model.
    private func timeRetrainingCheck(trainingSet name: String, runs: Int) async throws -> [Double] {
        let clock = ContinuousClock()
        let retrainer = ModelRetrainer(logger: logger)
        var checks: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = clock.now
            let summary = try await database.withConnection { db in
                try retrainer.retrain(RetrainRequest(trainingSet: name), connection: db)
            }
            checks.append(1e3 * (clock.now - start).seconds)
            guard summary.modelID == nil, !summary.rebuilt else {
                throw ScaleBenchmarkError.emptyStage(stage: "retraining check", detail: "it trained model \(summary.modelID ?? 0)")
            }
        }
        return checks
    }
}
