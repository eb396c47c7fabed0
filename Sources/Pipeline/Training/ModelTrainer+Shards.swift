import Catalogue
import Foundation
import Queue
import SLAMNumerics
import Store

/// Sharded training (docs/operations.md, "Sharded training"): a planner inserts the model and its shard
/// jobs, each shard trains a range of pixels and stores its result with its job's completion, and an
/// assembling job joins them into the model that a single-job training gives, bit for bit, validates it
/// and makes it `ready` (the same code as the single job: ``store(_:assembled:modelID:secondsTraining:db:fence:progress:)``).
extension ModelTrainer {
    /// What a planner did.
    public struct ShardPlan: Sendable, Equatable {
        public var modelID: Int
        /// Pixel ranges, shard `k` is `ranges[k]`.
        public var ranges: [Range<Int>]
    }

    /// Plans the sharded training of `reference`: in one transaction that completes the planner's job,
    /// inserts the model `training` and calls `enqueue` (model id, training set id, pixel ranges) to enqueue
    /// the shard and assembly jobs.
    func planShards(trainingSet reference: String, db: PostgresConnection, jobID: Int64?, fence: JobFence,
                    enqueue: (Int, Int, [Range<Int>], PostgresConnection) throws -> Void) throws(ModelTrainingError) -> ShardPlan {
        guard let size = settings.pixelsPerShard else { throw .invalidSetting("a sharded training needs pixels per shard") }
        let data = try loadChecked(reference, db: db)
        let ranges = SLAMPixelShard.ranges(pixelCount: data.wavelength.count, pixelsPerShard: size)
        do {
            let modelID = try db.transaction { db in
                let id = try ModelQueries.insertTraining(.init(
                    labelSet: data.labelSet, trainingSetID: data.trainingSetID, labelNames: data.labelNames,
                    preprocessingID: data.preprocessingID, settings: try JSONB(encoding: settings), codeVersion: SLAMVersion.current,
                    trainCount: data.training.count, pixelCount: data.wavelength.count, trainJobID: jobID), db: db)
                try enqueue(id, data.trainingSetID, ranges, db)
                try fence.complete(db)
                return id
            }
            logger.info("model \(modelID): \(ranges.count) shards of \(size) pixels planned on \(data.name)")
            return ShardPlan(modelID: modelID, ranges: ranges)
        } catch { throw Self.wrap(error) }
    }

    /// Trains pixel shard `shard` (`pixels`) of model `modelID` and stores its result, in one transaction
    /// with `afterStore` (waking the assembly) and the job's completion (`fence`): an attempt that lost its
    /// lease stores nothing. A shard already stored, or a model no longer `training`, is not computed again
    /// (the job completes). Returns whether this call computed the shard.
    func trainPixelShard(modelID: Int, trainingSetID: Int, shard: Int, pixels: Range<Int>, worker: String, jobID: Int64?,
                         db: PostgresConnection, fence: JobFence, afterStore: (PostgresConnection) throws -> Void,
                         progress: (@Sendable (Int, Int) -> Void)?) throws(ModelTrainingError) -> Bool {
        do {
            let stored = try ModelTrainingShardQueries.storedShards(modelID: modelID, phase: ModelTrainingShardQueries.pixelsPhase, db: db)
            let status = try ModelQueries.model(id: modelID, db: db)?.status
            guard !stored.contains(shard), status == .training else {
                logger.info("model \(modelID) shard \(shard): \(status == .training ? "already stored" : "model is \(status?.rawValue ?? "gone")"), nothing to do")
                try db.transaction { db in
                    try afterStore(db)
                    try fence.complete(db)
                }
                return false
            }
            let entry = try prepared(trainingSetID: trainingSetID, db: db)
            let clock = ContinuousClock(), t0 = clock.now
            let result = try slamTrainer.trainShard(entry.problem, pixels: pixels, kernels: .shared, progress: progress)
            let row = ModelTrainingShardRow(phase: ModelTrainingShardQueries.pixelsPhase, shard: shard, range: pixels,
                                            result: result.serialized(), seconds: (clock.now - t0).seconds, worker: worker, jobID: jobID)
            try db.transaction { db in
                try ModelTrainingShardQueries.insert(modelID: modelID, row, db: db)
                try afterStore(db)
                try fence.complete(db)
            }
            return true
        } catch { throw Self.wrap(error) }
    }

    /// Assembles model `modelID` from its `shardCount` stored pixel shards, validates and stores it
    /// (``store(_:assembled:modelID:secondsTraining:db:fence:progress:)``, which completes the job). Shards
    /// without a result throw ``ModelTrainingError/missingShards(modelID:shards:of:)`` and leave the model
    /// `training`, so retrying the missing shards and then this job finishes it; any other error marks the
    /// model `failed` (fenced).
    func assembleShards(modelID: Int, trainingSetID: Int, shardCount: Int, db: PostgresConnection, fence: JobFence,
                        progress: (@Sendable (String, Int, Int) -> Void)?) throws(ModelTrainingError) -> ModelSummary {
        let rows: [ModelTrainingShardRow]
        do {
            let status = try ModelQueries.model(id: modelID, db: db)?.status
            guard status == .training else {
                throw ModelTrainingError.notTraining(modelID: modelID, status: status?.rawValue ?? "gone")
            }
            rows = try ModelTrainingShardQueries.shards(modelID: modelID, phase: ModelTrainingShardQueries.pixelsPhase, db: db)
        } catch { throw Self.wrap(error) }
        let missing = Set(0..<shardCount).subtracting(rows.map(\.shard)).sorted()
        guard missing.isEmpty else { throw .missingShards(modelID: modelID, shards: missing, of: shardCount) }
        do {
            let entry = try prepared(trainingSetID: trainingSetID, db: db)
            let shards = try rows.map { row throws(SLAMModelCodingError) in try SLAMPixelShard(serialized: row.result) }
            let assembled = try SLAMShardAssembler.assemble(entry.problem, shards: shards)
            logger.info("model \(modelID): \(rows.count) shards assembled, validating")
            return try store(entry.data, assembled: assembled, modelID: modelID, secondsTraining: rows.reduce(0) { $0 + $1.seconds },
                             db: db, fence: fence, progress: progress)
        } catch {
            let wrapped = Self.wrap(error)
            _ = try? db.transaction { db in
                try ModelQueries.markFailed(id: modelID, error: wrapped.description, db: db)
                try fence.check(db)
            }
            throw wrapped
        }
    }

    /// The training set `trainingSetID` and its prepared problem under these settings, from this process's
    /// cache (loaded once for consecutive shards of one training).
    func prepared(trainingSetID: Int, db: PostgresConnection) throws -> TrainingProblemCache.Entry {
        let key = "\(trainingSetID) " + (try JSONB(encoding: settings)).text
        return try TrainingProblemCache.shared.entry(key: key) {
            let data = try loadChecked(String(trainingSetID), db: db)
            return (data, try problem(data))
        }
    }
}
