import Foundation
import Numerics
import Primitives
import Queue
import Store

/// Payload of `ingest_lamost`: absolute paths of a batch of spectrum files.
public struct IngestLamostPayload: JobPayload, Equatable {
    public static let kind = "ingest_lamost"
    public var paths: [String]
    /// Preprocessing settings for this batch (e.g. another mask policy); nil: the worker's.
    public var preprocessing: PreprocessingSettings?
    public init(paths: [String], preprocessing: PreprocessingSettings? = nil) {
        self.paths = paths
        self.preprocessing = preprocessing
    }
}

/// Job kind `ingest_lamost`: reads, preprocesses and loads batches of LAMOST spectrum files.
public enum IngestLamostJob {
    /// Ingest jobs for `paths` (expanded, sorted), `batchSize` files each; enqueueing the same files again
    /// returns the existing jobs. `preprocessing`: settings for these batches instead of the worker's (part
    /// of the unique key).
    public static func enqueue(paths: [String], batchSize: Int = 200, preprocessing: PreprocessingSettings? = nil,
                               db: PostgresConnection) throws -> [EnqueueResult] {
        let queue = JobQueue(db)
        return try IngestFileList.batches(paths, size: batchSize).map { batch in
            try queue.enqueue(JobRequest(IngestLamostPayload(paths: batch.paths, preprocessing: preprocessing), priority: 10,
                                         uniqueKey: uniqueKey(batch: batch.uniqueKey, preprocessing: preprocessing),
                                         uniqueScope: .forever))
        }
    }

    /// The unique key of a batch (`batchKey`: its files' identity) ingested with `preprocessing`.
    static func uniqueKey(batch batchKey: String, preprocessing: PreprocessingSettings?) -> String {
        batchKey + (preprocessing.map { ":pp-" + SHA256Digest.hex(Data($0.version.utf8)).prefix(16) } ?? "")
    }

    /// Runs one batch; every write transaction is behind the lease fence, and a rerun skips what is stored (checksums).
    struct Handler: TypedJobHandler {
        let settings: PreprocessingSettings

        func run(_ payload: IngestLamostPayload, job: Job, context: JobContext) throws {
            let preprocessor: SpectrumPreprocessor
            do { preprocessor = try SpectrumPreprocessor(settings: payload.preprocessing ?? settings) } catch {
                throw JobHandlerError.permanent("preprocessing settings: \(error)")
            }
            let db = try context.database.connect()
            let done = LockedValue(0)
            let total = payload.paths.count
            let fence = context.fence
            let summary = try LamostIngestor(preprocessor: preprocessor).ingest(
                paths: payload.paths, connection: db, jobID: Int64(job.id),
                progress: { n in context.reportProgress(done: done.add(n), total: total) },
                fence: { try fence.check($0) })
            context.reportProgress(done: total, total: total)
            context.logger.info("ingested \(summary.ingested) spectra (\(summary.alreadyIngested) already in, \(summary.rejected) rejected, \(summary.preprocessingRejected) not preprocessed)")
        }
    }
}
