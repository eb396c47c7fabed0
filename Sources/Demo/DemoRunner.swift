import Catalogue
import Formats
import Foundation
import Logging
import Pipeline
import Primitives
import Queue
import Report
import SLAMNumerics
import Simulator
import Store

/// The end-to-end demo: simulate a mock survey, ingest it with workers, crossmatch, build the training
/// set with the paper's cuts, train SLAM with cross-validation, predict every spectrum, and compare the
/// labels with the truth. Every stage goes through the same jobs, tables and code as production.
public struct DemoRunner: Sendable {
    /// Follows jobs to completion, running workers: (job ids, kinds, what, expected units).
    public typealias Follow = @Sendable ([Int], [String], String, Int?) async throws -> Void

    public let settings: DemoSettings
    public let database: PostgresConnectionFactory
    public let logger: Logger

    public init(settings: DemoSettings, database: PostgresConnectionFactory, logger: Logger) {
        self.settings = settings
        self.database = database
        self.logger = logger
    }

    /// Runs the error calibration the model's last prediction batches enqueued (repeat pairs and the
    /// cross-validation residuals give each label's error inflation and floor).
    func calibrate(_ modelID: Int, follow: Follow) async throws -> ((), String) {
        try await Self.calibrate(modelID, database: database, follow: follow)
    }

    /// Runs the error calibration of `modelID` (the pending job its predictions enqueued, or a new one) and
    /// says from how many repeat pairs; shared with the scale benchmark.
    static func calibrate(_ modelID: Int, database: PostgresConnectionFactory, follow: Follow) async throws -> ((), String) {
        let job = try await database.withConnection { db in
            try CalibrateJob.pending(modelID: modelID, db: db) ?? CalibrateJob.enqueue(modelID: modelID, db: db).id
        }
        if let job { try await follow([job], [JobKind.calibrate], "calibration", nil) }
        let pairs = try await database.withConnection { db in
            try DemoProgressQueries.calibrationPairs(modelID: modelID, db: db)
        }
        return ((), "model \(modelID) calibrated from \(pairs) repeat pairs and its cross-validation residuals")
    }

    /// Runs every stage; `say` prints a line, `follow` waits for jobs (and runs workers).
    public func run(say: @escaping @Sendable (String) -> Void, follow: Follow) async throws -> DemoResult {
        var stages: [DemoStage] = []
        let clock = ContinuousClock()
        func stage<T>(_ name: String, _ body: () async throws -> (T, String)) async throws -> T {
            say("== \(name)")
            let start = clock.now
            let (value, detail) = try await body()
            let seconds = (clock.now - start).seconds
            stages.append(DemoStage(name: name, detail: detail, seconds: seconds))
            say(String(format: "   %@ (%.1f s)", detail, seconds))
            return value
        }
        let surveyDirectory = settings.output.appendingPathComponent("survey")

        // 1. The mock survey.
        try await stage("simulate") {
            let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: settings.stars, seed: settings.seed))
            let total = survey.observations.count
            let summary = try await survey.write(to: surveyDirectory, workers: nil) { done, total in
                if done % max(1, total / 5) == 0 || done == total {
                    say("   spectra \(done)/\(total)")
                }
            }
            return ((), "\(total) spectra of \(summary.stars) stars, \(summary.apogeeRows) allStar rows -> \(surveyDirectory.path)")
        }

        // 2. Ingest with workers.
        let files = try IngestFileList.expand([surveyDirectory.appendingPathComponent(MockSurvey.spectraFolder).path])
        let allStar = surveyDirectory.appendingPathComponent(MockSurvey.allStarFile).path
        try await stage("ingest") {
            let (lamost, apogee) = try await database.withConnection { db in
                (try IngestLamostJob.enqueue(paths: files, batchSize: 100, db: db),
                 try LoadLabelsJob.enqueue(LoadLabelsPayload(kind: .apogee, path: allStar, name: "apogee-dr15", release: "DR15",
                                                               apogeeColumns: "dr15"), db: db))
            }
            try await follow(lamost.compactMap(\.id), [JobKind.ingestLamost], "spectrum files", files.count)
            try await follow([apogee.id].compactMap { $0 }, [JobKind.loadLabelsApogee], "allStar rows", nil)
            let counts = try await database.withConnection { try DemoProgressQueries.ingestCounts(db: $0) }
            return ((), "\(counts.spectra) spectra (\(counts.preprocessed) preprocessed), \(counts.apogeeStars) APOGEE stars, \(counts.rejections) rejections")
        }

        // 3. Crossmatch.
        try await stage("crossmatch") {
            let job = try await database.withConnection { try CrossmatchJob.enqueue(CrossmatchParameters(), db: $0) }
            try await follow([job.id].compactMap { $0 }, [JobKind.crossmatch], "crossmatch", nil)
            let text = try await database.withConnection { db in
                try DemoProgressQueries.latestCrossmatch(db: db).map { run in
                    "\(run.matched) of \(run.lamost) spectra matched within 3 arcsec, \(run.ambiguous) ambiguous"
                } ?? "no run"
            }
            return ((), text)
        }

        // 4. Training set with the paper's cuts.
        let report = try await stage("training set") {
            let report = try await database.withConnection { db in
                try TrainingSetBuilder().create(name: "demo-kgiants", criteria: TrainingSetCriteria(seed: settings.seed), connection: db)
            }
            say(report.text.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
            return (report, "\(report.members) members (\(report.heldOut) held out) from \(report.candidates) matches")
        }

        // 5. Train with cross-validation.
        let modelID = try await stage("train") {
            let settings = ModelTrainingSettings(hyperparameters: self.settings.hyperparameters, validationFolds: self.settings.folds,
                                                 seed: self.settings.seed)
            let job = try await database.withConnection {
                try TrainJob.enqueue(trainingSet: "\(report.name)@\(report.version)", settings: settings, db: $0)
            }
            try await follow([job.id].compactMap { $0 }, [JobKind.train], "training units", nil)
            let model = try await database.withConnection { db -> ModelListRow in
                guard let m = try ModelRegistry().list(db).last(where: { $0.status == .ready }) else {
                    throw PredictionError.noCurrentModel(labelSet: nil)
                }
                try ModelRegistry().promoteIfNoWorse(m.modelID, db: db)
                return m
            }
            return (model.modelID, "model \(model.modelID) trained on \(model.trainCount ?? 0) stars and promoted")
        }

        // 6. Predict every spectrum.
        try await stage("predict") {
            let (jobs, spectra) = try await database.withConnection {
                try PredictJob.enqueue(modelID: modelID, filter: try SpectrumFilter(""), batchSize: 250, db: $0)
            }
            try await follow(jobs, [JobKind.predict], "spectra", spectra)
            let written = try await database.withConnection { try DemoProgressQueries.predictionCount(modelID: modelID, db: $0) }
            return ((), "\(written) of \(spectra) spectra labelled by model \(modelID)")
        }
        try await stage("calibrate") { try await calibrate(modelID, follow: follow) }

        // 6b. The same training with inverse-density star weights, for the metallicity tails (not promoted).
        var balance: DemoBalance? = nil
        if settings.densityComparison {
            balance = try await stage("balance") {
                let weighted = ModelTrainingSettings(hyperparameters: self.settings.hyperparameters, validationFolds: self.settings.folds,
                                                     seed: self.settings.seed, densityWeighting: TrainingDensityWeights())
                let job = try await database.withConnection {
                    try TrainJob.enqueue(trainingSet: "\(report.name)@\(report.version)", settings: weighted, db: $0)
                }
                try await follow([job.id].compactMap { $0 }, [JobKind.train], "training units", nil)
                let comparison = try await database.withConnection { db -> DemoBalance? in
                    guard let m = try ModelRegistry().list(db).last(where: { $0.status == .ready }), m.modelID != modelID else {
                        throw PredictionError.noCurrentModel(labelSet: nil)
                    }
                    return try DemoBalance.compare(plain: modelID, weighted: m.modelID, db: db)
                }
                return (comparison, "model \(comparison?.weightedModelID ?? 0) trained with inverse-density weights (not promoted), "
                        + "cross-validation compared in [M/H] bins")
            }
        }

        // 7. Compare with the truth.
        let evaluation = try await stage("evaluate") {
            let truth = try CatalogueTable.readCSV(url: surveyDirectory.appendingPathComponent(MockSurvey.truthFile))
            let evaluation = try await database.withConnection { db in
                try DemoEvaluation.evaluate(modelID: modelID, truth: truth, db: db)
            }
            return (evaluation, "\(evaluation.count) spectra inside the training set's label ranges compared with the truth")
        }
        let precision = try await database.withConnection { try PrecisionTable.load(modelID: modelID, db: $0) }
        var applications = [DemoApplication(kind: .apogee, labelSet: "apogee-dr15", modelID: modelID, trainingSet: report,
                                            crossValidation: precision, truth: evaluation)]

        // 8-11. The second application: AFGK stars with LAMOST's own LASP labels.
        if settings.laspApplication {
            let laspFile = surveyDirectory.appendingPathComponent(MockSurvey.laspFITS).path
            try await stage("lasp labels") {
                let job = try await database.withConnection { db in
                    try LoadLabelsJob.enqueue(LoadLabelsPayload(kind: .lasp, path: laspFile, name: DemoApplication.laspLabelSet,
                                                                  release: "DR5", mapping: .lasp), db: db)
                }
                try await follow([job.id].compactMap { $0 }, [JobKind.loadLabelsLASP], "LASP rows", nil)
                let entry = try await database.withConnection { try LabelCatalogueRegistry.find(DemoApplication.laspLabelSet, db: $0) }
                return ((), "catalogue \(DemoApplication.laspLabelSet) v\(entry?.version ?? 0): \(entry?.rows ?? 0) AFGK rows (LASP teff, logg, feh)")
            }
            let laspReport = try await stage("lasp set") {
                let report = try await database.withConnection { db in
                    try CatalogueTrainingSetBuilder().create(name: "demo-afgk", criteria: .lasp(seed: settings.seed), connection: db)
                }
                say(report.text.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
                return (report, "\(report.members) members (\(report.heldOut) held out) from \(report.candidates) spectra with LASP labels")
            }
            let laspModel = try await stage("lasp train") {
                let training = ModelTrainingSettings(hyperparameters: settings.laspHyperparameters, validationFolds: settings.folds,
                                                     seed: settings.seed)
                let job = try await database.withConnection {
                    try TrainJob.enqueue(trainingSet: "\(laspReport.name)@\(laspReport.version)", settings: training, db: $0)
                }
                try await follow([job.id].compactMap { $0 }, [JobKind.train], "training units", nil)
                let model = try await database.withConnection { db -> ModelListRow in
                    guard let m = try ModelRegistry().list(db).last(where: { $0.status == .ready && $0.labelSet == DemoApplication.laspLabelSet }) else {
                        throw PredictionError.noCurrentModel(labelSet: DemoApplication.laspLabelSet)
                    }
                    try ModelRegistry().promoteIfNoWorse(m.modelID, db: db)
                    return m
                }
                return (model.modelID, "model \(model.modelID) trained on \(model.trainCount ?? 0) spectra and promoted in label set \(DemoApplication.laspLabelSet)")
            }
            try await stage("lasp predict") {
                let (jobs, spectra) = try await database.withConnection {
                    try PredictJob.enqueue(modelID: laspModel, filter: try SpectrumFilter(""), batchSize: 250, db: $0)
                }
                try await follow(jobs, [JobKind.predict], "spectra", spectra)
                return ((), "\(spectra) spectra labelled by model \(laspModel)")
            }
            try await stage("lasp calibrate") { try await calibrate(laspModel, follow: follow) }
            let laspTruth = try await stage("lasp evaluate") {
                let truth = try CatalogueTable.readCSV(url: surveyDirectory.appendingPathComponent(MockSurvey.truthFile))
                let evaluation = try await database.withConnection { db in
                    try DemoEvaluation.evaluate(modelID: laspModel, truth: truth, db: db)
                }
                return (evaluation, "\(evaluation.count) spectra inside the training set's label ranges compared with the truth")
            }
            let laspPrecision = try await database.withConnection { try PrecisionTable.load(modelID: laspModel, db: $0) }
            applications.append(DemoApplication(kind: .lasp, labelSet: DemoApplication.laspLabelSet, modelID: laspModel,
                                                trainingSet: laspReport, crossValidation: laspPrecision, truth: laspTruth))
        }
        return DemoResult(modelID: modelID, stages: stages, crossValidation: precision, truth: evaluation, applications: applications,
                          balance: balance)
    }
}
