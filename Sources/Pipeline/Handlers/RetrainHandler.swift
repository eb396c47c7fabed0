import Queue

/// Runs a scheduled retraining (payload ``RetrainRequest``, e.g. `{"trainingSet":"kgiants"}`).
struct RetrainHandler: JobHandler {
    let kind = JobKind.retrain

    func run(_ job: Job, context: JobContext) throws {
        let request = try job.decodePayload(RetrainRequest.self)
        let db = try context.database.connect()
        let summary = try HandlerFailures.permanentUnlessDatabase {
            try ModelRetrainer(logger: context.logger, fence: context.fence).retrain(request, connection: db, jobID: Int64(job.id)) { _, done, total in
                context.reportProgress(done: done, total: total)
            }
        }
        context.logger.info("\(summary.text)")
    }
}
