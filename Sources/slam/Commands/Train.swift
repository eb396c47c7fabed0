import ArgumentParser
import Pipeline
import Queue
import SLAMNumerics

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
    @Option(name: .customLong("shard-pixels"),
            help: "Train as shard jobs of this many pixels each, which any worker on any host takes (the model is bit-identical to a single-job training); default: one job.")
    var shardPixels: Int?

    func settings() throws -> ModelTrainingSettings {
        ModelTrainingSettings(hyperparameters: try .parse(grid, folds: folds), validationFolds: folds, seed: seed, tolerance: tolerance,
                              densityWeighting: densityWeighting ? TrainingDensityWeights() : nil, pixelsPerShard: shardPixels)
    }

    func validate() throws {
        guard folds >= 2, folds <= 20 else { throw ValidationError("--folds must be 2...20") }
        guard tolerance > 0, tolerance < 1 else { throw ValidationError("--tolerance must be in (0, 1)") }
        if let shardPixels { guard shardPixels >= 1 else { throw ValidationError("--shard-pixels must be at least 1") } }
        if shardPixels != nil && retrain { throw ValidationError("--shard-pixels is not available with --retrain") }
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
            // With --work and shards, this follow's worker runs the planner alone: it stops when the planner is
            // done, and would give back a shard it had started.
            guard try await waiting.follow(ids: result.id.map { [$0] } ?? [], kinds: [JobKind.train],
                                           what: shardPixels == nil ? "training" : "planning",
                                           factory: factory, logger: logger) != nil else { return }
            if shardPixels != nil, let planner = result.id {
                // The planner is done: follow the training's shard and assembly jobs (done, rate, ETA).
                let ids = try await factory.withConnection { db -> [Int] in
                    guard let job = try JobQueue(db).job(id: planner), let model = try TrainingJobGroup.modelID(of: job, db: db) else { return [] }
                    return try JobQueue(db).jobIDs(groupKey: TrainingJobGroup.key(modelID: model))
                }
                print("training: \(max(0, ids.count - 1)) shard jobs and the assembly")
                try await waiting.follow(ids: ids, kinds: [JobKind.trainShard, JobKind.trainAssemble], what: "training shards",
                                         factory: factory, logger: logger)
            }
        }
        let models = try await factory.withConnection { try ModelRegistry().list($0) }
        if let model = models.last { print(ModelCommand.describe(model)) }
    }
}
