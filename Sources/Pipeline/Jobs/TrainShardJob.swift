import Catalogue
import Queue
import Store

/// Payload of `train_shard`: one pixel range of a sharded training (group ``TrainingJobGroup``).
public struct TrainShardPayload: JobPayload, Equatable {
    public static let kind = "train_shard"
    /// The model being trained.
    public var modelID: Int
    /// Its training set (training_set.training_set_id).
    public var trainingSetID: Int
    /// Shard number, from 0, in pixel order.
    public var shard: Int
    /// The pixels, `[pixelStart, pixelEnd)`.
    public var pixelStart: Int
    public var pixelEnd: Int
    /// The model's training settings.
    public var settings: ModelTrainingSettings

    public init(modelID: Int, trainingSetID: Int, shard: Int, pixels: Range<Int>, settings: ModelTrainingSettings) {
        self.modelID = modelID
        self.trainingSetID = trainingSetID
        self.shard = shard
        pixelStart = pixels.lowerBound
        pixelEnd = pixels.upperBound
        self.settings = settings
    }

    public var groupKey: String? { TrainingJobGroup.key(modelID: modelID) }
}

/// Job kind `train_shard`: trains one pixel range of a sharded training (grid search, final fit, the fold
/// fits of the cross-validation of the whole method) and stores the result with the job's completion; the
/// last shards wake the assembly (``TrainAssembleJob``).
public enum TrainShardJob {
    /// The shard jobs of model `modelID`, shard `k` training `ranges[k]` (one pending per shard: enqueueing
    /// while one is pending returns it).
    static func enqueue(modelID: Int, trainingSetID: Int, ranges: [Range<Int>], settings: ModelTrainingSettings,
                        db: PostgresConnection) throws {
        let queue = JobQueue(db)
        for (shard, pixels) in ranges.enumerated() {
            _ = try queue.enqueue(JobRequest(
                TrainShardPayload(modelID: modelID, trainingSetID: trainingSetID, shard: shard, pixels: pixels, settings: settings),
                priority: 1, maxAttempts: 3, uniqueKey: "train_shard:\(modelID):\(shard)", uniqueScope: .active))
        }
    }

    /// Trains the shard (unless its result is stored already) and stores it.
    struct Handler: TypedJobHandler {
        func run(_ payload: TrainShardPayload, job: Job, context: JobContext) throws {
            guard payload.pixelStart >= 0, payload.pixelEnd > payload.pixelStart else {
                throw JobHandlerError.permanent("train_shard: empty pixel range \(payload.pixelStart)..<\(payload.pixelEnd)")
            }
            let db = try context.database.connect()
            let total = payload.pixelEnd - payload.pixelStart
            let computed = try HandlerFailures.permanentUnlessDatabase {
                try ModelTrainer(settings: payload.settings, logger: context.logger).trainPixelShard(
                    modelID: payload.modelID, trainingSetID: payload.trainingSetID, shard: payload.shard,
                    pixels: payload.pixelStart..<payload.pixelEnd, worker: context.owner, jobID: Int64(job.id), db: db,
                    fence: context.fence, afterStore: { db in try TrainAssembleJob.afterShard(modelID: payload.modelID, db: db) },
                    progress: { done, units in context.reportProgress(done: done * total / max(units, 1), total: total) })
            }
            context.logger.info("model \(payload.modelID) shard \(payload.shard) (pixels \(payload.pixelStart)..<\(payload.pixelEnd)) \(computed ? "stored" : "was stored already")")
        }
    }
}
