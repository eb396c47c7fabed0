import Catalogue
import Queue
import Store

/// Payload of `train_assemble`: the assembly of a sharded training (group ``TrainingJobGroup``).
public struct TrainAssemblePayload: JobPayload, Equatable {
    public static let kind = "train_assemble"
    public var modelID: Int
    public var trainingSetID: Int
    /// Number of pixel shards (0..<shardCount).
    public var shardCount: Int
    public var settings: ModelTrainingSettings

    public init(modelID: Int, trainingSetID: Int, shardCount: Int, settings: ModelTrainingSettings) {
        self.modelID = modelID
        self.trainingSetID = trainingSetID
        self.shardCount = shardCount
        self.settings = settings
    }

    public var groupKey: String? { TrainingJobGroup.key(modelID: modelID) }
}

/// Job kind `train_assemble`: once none of its model's shard jobs is pending, assembles the stored shards
/// into the model, validates it and makes it `ready` (``ModelTrainer``).
public enum TrainAssembleJob {
    /// The assembly of model `modelID`, due in `delaySeconds` (the last shards wake it sooner). Many
    /// attempts: each wait for running shards uses one.
    static func enqueue(_ payload: TrainAssemblePayload, delaySeconds: Double, db: PostgresConnection) throws {
        _ = try JobQueue(db).enqueue(JobRequest(payload, priority: 1, maxAttempts: 100, delaySeconds: delaySeconds,
                                            uniqueKey: uniqueKey(modelID: payload.modelID), uniqueScope: .active))
    }

    static func uniqueKey(modelID: Int) -> String { "train_assemble:\(modelID)" }

    /// Called in the transaction of each shard's completion: when no shard job of the model waits to be
    /// claimed, the assembly is woken (due in 0.5 s; shards still running make it wait again).
    static func afterShard(modelID: Int, db: PostgresConnection) throws {
        let queue = JobQueue(db)
        let waiting = try queue.pendingCount(kind: TrainShardPayload.kind, groupKey: TrainingJobGroup.key(modelID: modelID),
                                             states: [.available])
        guard waiting == 0 else { return }
        try queue.wake(kind: TrainAssemblePayload.kind, uniqueKey: uniqueKey(modelID: modelID), withinSeconds: 0.5)
    }

    /// Retryable: shard jobs of the model are still waiting or running. Its message starts with the planned
    /// wait prefix a CLI following the job does not count as failing (`CalibrateJob.isWaitingForOtherJobs`).
    struct WaitingForShards: JobFailure, CustomStringConvertible {
        var isTransient: Bool { true }
        var modelID: Int
        var pending: Int
        var description: String {
            CalibrateJob.WaitingForPredictions.prefix + "model \(modelID): \(pending) training shard jobs pending before assembling"
        }
    }

    /// Assembles the model once no shard job is pending.
    struct Handler: TypedJobHandler {
        func run(_ payload: TrainAssemblePayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let pending = try JobQueue(db).pendingCount(kind: TrainShardPayload.kind, groupKey: TrainingJobGroup.key(modelID: payload.modelID))
            if pending > 0 { throw WaitingForShards(modelID: payload.modelID, pending: pending) }
            let summary = try HandlerFailures.permanentUnlessDatabase {
                try ModelTrainer(settings: payload.settings, logger: context.logger).assembleShards(
                    modelID: payload.modelID, trainingSetID: payload.trainingSetID, shardCount: payload.shardCount, db: db,
                    fence: context.fence) { _, done, total in context.reportProgress(done: done, total: total) }
            }
            context.logger.info("model \(summary.modelID) ready: CV scatter \(summary.crossValidatedScatter)")
        }
    }
}
