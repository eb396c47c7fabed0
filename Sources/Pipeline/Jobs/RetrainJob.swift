import Queue
import Store

extension RetrainRequest: JobPayload {
    /// Payload of `retrain` (e.g. `{"trainingSet":"kgiants"}`).
    public static let kind = "retrain"
}

/// Job kind `retrain`: scheduled retraining; rebuild a training set, train, promote by rule, predict (``ModelRetrainer``).
public enum RetrainJob {
    /// A retraining job; one attempt plus one retry, like training.
    public static func enqueue(_ request: RetrainRequest, db: PostgresConnection) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(request, priority: 1, maxAttempts: 2))
    }

    /// Runs the retraining.
    struct Handler: TypedJobHandler {
        func run(_ request: RetrainRequest, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let summary = try HandlerFailures.permanentUnlessDatabase {
                try ModelRetrainer(logger: context.logger, fence: context.fence).retrain(request, connection: db, jobID: Int64(job.id)) { _, done, total in
                    context.reportProgress(done: done, total: total)
                }
            }
            context.logger.info("\(summary.text)")
        }
    }
}
