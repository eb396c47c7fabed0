import Catalogue
import Dispatch
import Formats
import Foundation
import Primitives
import SLAMNumerics
import Store

/// Ingests a batch of LAMOST spectrum files: checksums them, skips files whose content is already in
/// the database, reads, validates and preprocesses the rest in parallel, and writes spectra,
/// preprocessed spectra and rejections with binary COPY in one transaction. Rows are upserted by obsid
/// (and obsid plus preprocessing version), and the batch's earlier rejections are replaced, so a batch
/// retried after a crash leaves no duplicates and no partial rows.
///
/// One bad file is one rejection: every value is checked against its column before COPY (see
/// ``LamostSpectrumRecord/validateForStorage()``), and if the database still refuses the batch's
/// write for a row's data (SQLSTATE classes 22, 23, 54, or a value COPY cannot encode), the batch is
/// written again in halves, each in its own transaction, down to the single file, which becomes a
/// `database_refused` rejection naming it. Two files with one OBSID are decided by
/// ``LamostDuplicateRule``.
public struct LamostIngestor: Sendable {
    /// `rejection.stage` of files that could not be read.
    public static let stage = "ingest_lamost"
    /// `rejection.stage` of spectra that were read but failed preprocessing.
    public static let preprocessStage = "preprocess"

    public let preprocessor: SpectrumPreprocessor
    /// Threads used to read and preprocess (1 or more).
    public let threads: Int

    public init(preprocessor: SpectrumPreprocessor, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.preprocessor = preprocessor
        self.threads = max(1, threads)
    }

    /// Ingests `paths` (absolute file paths) and returns what happened.
    ///
    /// `fence` is called first inside every transaction that writes results (the batch's, and each
    /// smaller one when the batch falls back to halves); when it throws, that transaction rolls back and
    /// the error propagates unchanged (a job that lost its lease writes nothing).
    /// - Throws: ``PostgresError`` when the database fails for a reason other than a row's data (the
    ///   transaction is then rolled back and the batch can be retried as a whole), or the fence's error.
    ///   Bad files never throw: they become rejection rows.
    public func ingest(paths: [String], connection: PostgresConnection, jobID: Int64? = nil,
                       progress: (@Sendable (Int) -> Void)? = nil,
                       fence: ((PostgresConnection) throws -> Void)? = nil) throws -> LamostIngestSummary {
        let clock = ContinuousClock()
        var summary = LamostIngestSummary(files: paths.count)
        let t0 = clock.now

        let sums = parallelIndexedMap(count: paths.count, threads: threads) { LamostFileProcessor.checksum(path: paths[$0]) }
        let hashes = sums.compactMap(\.sha256)
        let known = hashes.isEmpty ? Set<String>() : try LamostSpectrumQueries.knownChecksums(hashes, db: connection)
        let t1 = clock.now
        let processor = LamostFileProcessor(preprocessor: preprocessor)
        let known0 = known
        let outcomes: [LamostFileOutcome] = parallelIndexedMap(count: paths.count, threads: threads) { index in
            let path = paths[index]
            switch sums[index] {
            case let .unreadable(rejection): return .rejected(rejection)
            case let .ok(sha, bytes):
                if known0.contains(sha) { return .alreadyIngested(path: path) }
                let outcome = processor.process(path: path, sha256: sha, bytes: bytes)
                progress?(1)
                return outcome
            }
        }
        let t2 = clock.now
        try writeIsolating(Array(outcomes.indices), outcomes: outcomes, paths: paths, connection: connection,
                           jobID: jobID, fence: fence, summary: &summary)
        let t3 = clock.now
        summary.secondsChecksum = (t1 - t0).seconds
        summary.secondsReadAndPreprocess = (t2 - t1).seconds
        summary.secondsWrite = (t3 - t2).seconds
        return summary
    }
}

/// What a LAMOST ingest batch did.
public struct LamostIngestSummary: Sendable, Codable, Equatable {
    public var files: Int
    /// Spectra newly written to `lamost_spectrum`.
    public var ingested = 0
    /// Files whose content (SHA-256) was already ingested: skipped.
    public var alreadyIngested = 0
    /// Rejections written at stage `ingest_lamost`: files refused (unreadable, not FITS, missing keywords,
    /// values out of range, duplicate obsid ...), including stored files displaced by a duplicate.
    public var rejected = 0
    /// Spectra preprocessed onto the model grid.
    public var preprocessed = 0
    /// Spectra read but refused by preprocessing.
    public var preprocessingRejected = 0
    public var secondsChecksum = 0.0
    public var secondsReadAndPreprocess = 0.0
    public var secondsWrite = 0.0

    public init(files: Int) { self.files = files }

    /// Adds the counts of a part of the batch written on its own.
    mutating func add(_ part: LamostIngestSummary) {
        ingested += part.ingested
        alreadyIngested += part.alreadyIngested
        rejected += part.rejected
        preprocessed += part.preprocessed
        preprocessingRejected += part.preprocessingRejected
    }
}
