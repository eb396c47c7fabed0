import Formats
import Queue
import Store

/// Payload of `ingest_apogee`.
public struct IngestApogeePayload: JobPayload, Equatable {
    public static let kind = "ingest_apogee"
    public var path: String
    public var release: String
    /// Column preset: dr12, dr15, dr16 or dr17.
    public var columns: String
    public init(path: String, release: String, columns: String) {
        self.path = path
        self.release = release
        self.columns = columns
    }
}

/// Job kind `ingest_apogee`: loads an APOGEE allStar file.
public enum IngestApogeeJob {
    /// The load of one allStar file (unique by path, size and modification time, and release).
    public static func enqueue(path: String, release: String, columns: String, db: PostgresConnection) throws -> EnqueueResult {
        let batch = IngestFileList.batches([path], size: 1)[0]
        return try JobQueue(db).enqueue(JobRequest(IngestApogeePayload(path: path, release: release, columns: columns), priority: 10,
                                                   uniqueKey: uniqueKey(release: release, file: batch.uniqueKey), uniqueScope: .forever))
    }

    /// The unique key of the load of `file` (its identity) as release `release`.
    static func uniqueKey(release: String, file: String) -> String { "ingest_apogee:\(release):" + file }

    /// Loads the file; an unreadable file is a rejection and ends the job.
    struct Handler: TypedJobHandler {
        func run(_ payload: IngestApogeePayload, job: Job, context: JobContext) throws {
            guard let columns = ApogeeColumnMap.preset(payload.columns) else {
                throw JobHandlerError.malformedPayload(kind: kind, reason: "unknown column preset \(payload.columns)")
            }
            let db = try context.database.connect()
            let summary = try HandlerFailures.rejectingUnusableFile(payload.path, stage: ApogeeIngestor.stage, job: job,
                                                                    context: context, db: db) {
                try ApogeeIngestor(release: payload.release, columns: columns).load(
                    path: payload.path, connection: db, jobID: Int64(job.id), fence: context.fence) { done, total in
                        context.reportProgress(done: done, total: total)
                    }
            }
            context.logger.info("loaded \(summary.stars) APOGEE stars from \(summary.rows) rows (\(summary.rejected) rejected)")
        }
    }
}
