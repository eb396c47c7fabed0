import Queue
import Store

extension CrossmatchParameters: JobPayload {
    /// Payload of `crossmatch`: the run's parameters.
    public static let kind = "crossmatch"
}

/// Job kind `crossmatch`: one crossmatch run of LAMOST spectra against APOGEE stars.
public enum CrossmatchJob {
    /// A crossmatch run (each call is a new run); `parameters` are checked first.
    public static func enqueue(_ parameters: CrossmatchParameters, db: PostgresConnection) throws -> EnqueueResult {
        try parameters.validate()
        return try JobQueue(db).enqueue(JobRequest(parameters, priority: 5))
    }

    /// Runs the crossmatch.
    struct Handler: TypedJobHandler {
        func run(_ parameters: CrossmatchParameters, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let summary = try HandlerFailures.permanentUnlessDatabase {
                try CrossmatchRunner().run(parameters, connection: db, jobID: Int64(job.id), fence: context.fence)
            }
            context.logger.info("crossmatch run \(summary.runID): \(summary.matchedCount) of \(summary.lamostCount) matched, \(summary.ambiguousCount) ambiguous")
        }
    }
}
