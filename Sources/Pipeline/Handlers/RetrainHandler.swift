import Queue

/// Runs a scheduled retraining (payload ``RetrainRequest``, e.g. `{"trainingSet":"kgiants"}`).
struct RetrainHandler: JobHandler {
    let kind = JobKind.retrain

    func run(_ job: Job, context: JobContext) throws {
        let request = try job.decodePayload(RetrainRequest.self)
        let db = try context.database.connect()
        do {
            let summary = try ModelRetrainer(logger: context.logger).retrain(request, connection: db, jobID: Int64(job.id)) { _, done, total in
                context.reportProgress(done: done, total: total)
            }
            context.logger.info("\(summary.text)")
        } catch let error {
            if error.isDatabase { throw error }
            throw JobHandlerError.permanent(error.description)
        }
    }
}
