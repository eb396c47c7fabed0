import Queue
import Store

/// Payload of `train`.
public struct TrainPayload: JobPayload, Equatable {
    public static let kind = "train"
    public var trainingSet: String
    public var settings: ModelTrainingSettings
    public init(trainingSet: String, settings: ModelTrainingSettings) {
        self.trainingSet = trainingSet
        self.settings = settings
    }
}

/// Job kind `train`: trains a model on a training set, in this job, or, when the settings ask for shards
/// (`ModelTrainingSettings.pixelsPerShard`), by planning `train_shard` jobs and a `train_assemble` job
/// that any worker takes (``TrainShardJob``, ``TrainAssembleJob``).
public enum TrainJob {
    /// A training job (one attempt plus one retry: a crashed training is not silently re-run for hours;
    /// retry it with `slam jobs retry`).
    public static func enqueue(trainingSet: String, settings: ModelTrainingSettings, db: PostgresConnection) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(TrainPayload(trainingSet: trainingSet, settings: settings), priority: 1, maxAttempts: 2))
    }

    /// Seconds after planning at which the assembly runs if no shard wakes it first (each of the last shards
    /// to finish wakes it; this bounds the wait when shard jobs die without finishing).
    static let assemblyDelaySeconds = 600.0

    /// Trains the model, or plans its shards.
    struct Handler: TypedJobHandler {
        func run(_ payload: TrainPayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            if payload.settings.pixelsPerShard != nil {
                let settings = payload.settings
                let plan = try HandlerFailures.permanentUnlessDatabase {
                    try ModelTrainer(settings: settings, logger: context.logger).planShards(
                        trainingSet: payload.trainingSet, db: db, jobID: Int64(job.id), fence: context.fence) { modelID, setID, ranges, db in
                            try TrainShardJob.enqueue(modelID: modelID, trainingSetID: setID, ranges: ranges, settings: settings, db: db)
                            try TrainAssembleJob.enqueue(TrainAssemblePayload(modelID: modelID, trainingSetID: setID, shardCount: ranges.count,
                                                                              settings: settings),
                                                         delaySeconds: assemblyDelaySeconds, db: db)
                        }
                }
                context.logger.info("model \(plan.modelID): \(plan.ranges.count) training shards enqueued")
                return
            }
            let summary = try HandlerFailures.permanentUnlessDatabase {
                try ModelTrainer(settings: payload.settings, logger: context.logger).train(
                    trainingSet: payload.trainingSet, connection: db, jobID: Int64(job.id), fence: context.fence) { _, done, total in
                        context.reportProgress(done: done, total: total)
                    }
            }
            context.logger.info("model \(summary.modelID) ready: CV scatter \(summary.crossValidatedScatter)")
        }
    }
}
