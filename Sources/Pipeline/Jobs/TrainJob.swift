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

/// Job kind `train`: trains a model on a training set.
public enum TrainJob {
    /// A training job (one attempt plus one retry: a crashed training is not silently re-run for hours;
    /// retry it with `slam jobs retry`).
    public static func enqueue(trainingSet: String, settings: ModelTrainingSettings, db: PostgresConnection) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(TrainPayload(trainingSet: trainingSet, settings: settings), priority: 1, maxAttempts: 2))
    }

    /// Trains the model.
    struct Handler: TypedJobHandler {
        func run(_ payload: TrainPayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
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
