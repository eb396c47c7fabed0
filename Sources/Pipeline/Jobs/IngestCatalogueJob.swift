import Queue
import Store

/// Payload of `ingest_catalogue`: a LAMOST catalogue file (FITS or CSV) and its data release.
public struct IngestCataloguePayload: JobPayload, Equatable {
    public static let kind = "ingest_catalogue"
    public var path: String
    public var release: String
    public init(path: String, release: String) {
        self.path = path
        self.release = release
    }
}

/// Job kind `ingest_catalogue`: loads a LAMOST catalogue file.
public enum IngestCatalogueJob {
    /// The load of one LAMOST catalogue file (unique by path, size, modification time and release:
    /// enqueueing the same unchanged file again returns the existing job).
    public static func enqueue(path: String, release: String, db: PostgresConnection) throws -> EnqueueResult {
        let batch = IngestFileList.batches([path], size: 1)[0]
        return try JobQueue(db).enqueue(JobRequest(IngestCataloguePayload(path: path, release: release), priority: 10,
                                                   uniqueKey: uniqueKey(release: release, file: batch.uniqueKey), uniqueScope: .forever))
    }

    /// The unique key of the load of `file` (its identity) as release `release`.
    static func uniqueKey(release: String, file: String) -> String { "ingest_catalogue:\(release):" + file }

    /// Loads the file; an unreadable file is a rejection and ends the job.
    struct Handler: TypedJobHandler {
        func run(_ payload: IngestCataloguePayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let summary = try HandlerFailures.rejectingUnusableFile(payload.path, stage: LamostCatalogueLoader.stage, job: job,
                                                                    context: context, db: db) {
                try LamostCatalogueLoader(release: payload.release).load(path: payload.path, connection: db, jobID: Int64(job.id),
                                                                         fence: context.fence)
            }
            context.reportProgress(done: summary.rows, total: summary.rows)
            context.logger.info("loaded \(summary.loaded) catalogue rows of \(summary.rows) (\(summary.rejected) rejected, \(summary.matchedSpectra) match ingested spectra)")
        }
    }
}
