import ArgumentParser
import Foundation
import Numerics
import Pipeline
import Store

/// `slam train --training-set NAME`.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a SLAM model on a training set (a new model version, 'training' until 'ready').")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var waiting: WaitOptions
    @Option(name: .customLong("training-set"), help: "Training set: id, NAME (latest version) or NAME@VERSION.") var trainingSet: String
    @Option(help: "Hyperparameters: 'default' (the paper's grid, K-fold CV per pixel), 'fixed' (C=4, epsilon=0.05, gamma=0.1, as in slam demo) or fixed:C,EPSILON,GAMMA.")
    var grid = "default"
    @Option(help: "Folds of the grid search and of the cross-validation of the whole method.") var folds = 5
    @Option(help: "Seed of the folds.") var seed: UInt64 = 1
    @Option(help: "SMO stopping tolerance.") var tolerance = 1e-3
    @Flag(help: "Scheduled retraining, now: rebuild the set from the latest crossmatch with its recorded cuts, train (with the last model's settings unless --grid/--folds/--seed/--tolerance are given), promote by rule, predict.")
    var retrain = false
    @Flag(help: "With --retrain: rebuild and retrain even when nothing changed.") var force = false
    @Flag(name: .customLong("density-weighting"),
          help: "Weight training stars inversely to their local density in label space (k = 10 neighbours, weights clipped to 0.2...5), so sparse tails count.")
    var densityWeighting = false

    func settings() throws -> ModelTrainingSettings {
        ModelTrainingSettings(hyperparameters: try .parse(grid, folds: folds), validationFolds: folds, seed: seed, tolerance: tolerance,
                              densityWeighting: densityWeighting ? TrainingDensityWeights() : nil)
    }

    func validate() throws {
        guard folds >= 2, folds <= 20 else { throw ValidationError("--folds must be 2...20") }
        guard tolerance > 0, tolerance < 1 else { throw ValidationError("--tolerance must be in (0, 1)") }
        do { _ = try settings() } catch let error as ModelTrainingError { throw ValidationError(error.description) }
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.train")
        let factory = try database.factory(logger: logger)
        let (set, settings) = (trainingSet, try settings())
        if retrain {
            let explicit = grid != "default" || folds != 5 || seed != 1 || tolerance != 1e-3 || densityWeighting
            let request = RetrainRequest(trainingSet: set, settings: explicit ? settings : nil, force: force ? true : nil)
            let result = try await factory.withConnection { try RetrainJob.enqueue(request, db: $0) }
            print("retraining: job \(result.id.map(String.init) ?? "?")")
            guard try await waiting.follow(ids: result.id.map { [$0] } ?? [], kinds: [JobKind.retrain], what: "training",
                                           factory: factory, logger: logger) != nil else { return }
        } else {
            let result = try await factory.withConnection { try TrainJob.enqueue(trainingSet: set, settings: settings, db: $0) }
            print("training: job \(result.id.map(String.init) ?? "?")")
            guard try await waiting.follow(ids: result.id.map { [$0] } ?? [], kinds: [JobKind.train], what: "training",
                                           factory: factory, logger: logger) != nil else { return }
        }
        let models = try await factory.withConnection { try ModelRegistry().list($0) }
        if let model = models.last { print(ModelCommand.describe(model)) }
    }
}

/// `slam predict [--model ID|current] [--where FILTER]`.
struct Predict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict labels with a model for every spectrum it has not predicted yet (batched jobs).")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var waiting: WaitOptions
    @Option(help: "Model id, or 'current'.") var model = "current"
    @Option(name: .customLong("label-set"), help: "Label set whose current model to use (when several have one).") var labelSet: String?
    @Option(name: .customLong("where"), help: "Filter on spectra, e.g. \"snrg > 20 AND class = 'STAR'\" (columns of lamost_spectrum, AND only).")
    var filter = ""
    @Option(name: .customLong("batch-size"), help: "Spectra per prediction job.") var batchSize = 500
    @OptionGroup var fit: FitOptions
    @Flag(name: .customLong("store-spectra"), help: "Also store each fit's model spectrum and residuals (for slam show).")
    var storeSpectra = false

    func validate() throws {
        guard batchSize >= 1, batchSize <= 100_000 else { throw ValidationError("--batch-size must be 1...100000") }
        do { _ = try SpectrumFilter(filter) } catch { throw ValidationError(error.description) }
        _ = try fit.settings()
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.predict")
        let factory = try database.factory(logger: logger)
        let (reference, labelSet, batch, settings, store) = (model, self.labelSet, batchSize, try fit.settings(), storeSpectra)
        let filter = try SpectrumFilter(self.filter)
        let (modelID, jobs, spectra) = try await factory.withConnection { db in
            let id = try ModelRegistry().resolve(reference, labelSet: labelSet, db: db)
            let planned = try PredictJob.enqueue(modelID: id, filter: filter, batchSize: batch, settings: settings,
                                                   storeSpectra: store, db: db)
            return (id, planned.jobs, planned.spectra)
        }
        print("model \(modelID): \(spectra) spectra to predict in \(jobs.count) jobs")
        guard try await waiting.follow(ids: jobs.compactMap(\.id), kinds: [JobKind.predict], what: "spectra",
                                       expectedUnits: spectra, factory: factory, logger: logger) != nil else { return }
        // Then the error calibration the last batches enqueued.
        let calibration = try await factory.withConnection { db in try CalibrateJob.pending(modelID: modelID, db: db) }
        if let calibration {
            try await waiting.follow(ids: [calibration], kinds: [JobKind.calibrate], what: "calibration", factory: factory, logger: logger)
        }
    }
}
