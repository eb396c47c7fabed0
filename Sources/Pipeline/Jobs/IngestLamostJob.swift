import Foundation
import Primitives
import Queue
import SLAMNumerics
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

/// What ``IngestLamostJob/enqueue(listing:batchSize:preprocessing:collectIDs:db:)`` did.
public struct IngestEnqueueSummary: Sendable, Equatable {
    /// Files listed.
    public var files: Int
    /// Batches (one job each) the files make.
    public var jobs: Int
    /// Jobs inserted.
    public var inserted: Int
    /// Batches already enqueued before (same files, sizes and modification times): skipped.
    public var alreadyEnqueued: Int
    /// The batches' job ids, ascending, when asked for; otherwise empty.
    public var ids: [Int]

    public init(files: Int, jobs: Int, inserted: Int, alreadyEnqueued: Int, ids: [Int] = []) {
        self.files = files
        self.jobs = jobs
        self.inserted = inserted
        self.alreadyEnqueued = alreadyEnqueued
        self.ids = ids
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

    /// Jobs written per `INSERT` by ``enqueue(listing:batchSize:preprocessing:collectIDs:db:)`` (each carries
    /// `batchSize` paths: 250 jobs of 200 paths are about 4 MB of payload per statement).
    static let jobsPerStatement = 250

    /// Ingest jobs for every file of `listing`, `batchSize` files each, in bulk: the listing is streamed,
    /// cut into batches (unique keys as ``IngestFileList/batch(_:)``) and enqueued ``jobsPerStatement``
    /// jobs per statement, all in one transaction, so a listing that fails half way enqueues nothing.
    /// Batches already enqueued are skipped (a rerun inserts nothing). `collectIDs`: also return every
    /// batch's job id (for `--wait`).
    public static func enqueue(listing: inout IngestPathStream, batchSize: Int = 200, preprocessing: PreprocessingSettings? = nil,
                               collectIDs: Bool = false, db: PostgresConnection) throws -> IngestEnqueueSummary {
        var jobs = 0
        let result = try JobQueue(db).enqueue(stream: { () throws -> [JobRequest]? in
            var requests: [JobRequest] = []
            while requests.count < jobsPerStatement, let batch = try listing.nextBatch(size: batchSize) {
                requests.append(try JobRequest(IngestLamostPayload(paths: batch.paths, preprocessing: preprocessing), priority: 10,
                                               uniqueKey: uniqueKey(batch: batch.uniqueKey, preprocessing: preprocessing),
                                               uniqueScope: .forever))
            }
            jobs += requests.count
            return requests.isEmpty ? nil : requests
        }, collectIDs: collectIDs)
        return IngestEnqueueSummary(files: listing.count, jobs: jobs, inserted: result.inserted,
                                    alreadyEnqueued: result.skipped, ids: result.ids)
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
