import Foundation
import Pipeline
import Simulator
import Store

/// Streams a survey through the disk (issue 18): writes a chunk of spectrum files, enqueues their ingest
/// (`IngestLamostJob.enqueue`, as `slam ingest lamost` does), lets the workers ingest them, deletes the
/// chunk's files, and goes on with the next chunk, so that at most one chunk of files exists at a time.
public struct ScaleSurveyStream: Sendable {
    /// What the stream is doing, for the caller's timing.
    public enum Phase: Sendable, Equatable {
        /// Writing a chunk's files, or deleting them after their ingest.
        case files
        /// Enqueueing the chunk's ingest jobs and running them.
        case ingest
    }

    /// What the stream did.
    public struct Summary: Sendable, Equatable {
        public var chunks: Int
        public var files: Int
        /// Bytes of spectrum files written.
        public var bytes: Int64
        /// Ingest jobs enqueued.
        public var jobs: Int
    }

    public var source: FastSpectrumSource
    /// Where each chunk's files go (created; the files are deleted after their ingest).
    public var folder: URL
    public var chunkFiles: Int
    /// Files per ingest job.
    public var batchSize: Int
    /// Threads writing files (default: active processors).
    public var writerThreads: Int?
    /// Flush each chunk's files to disk (fdatasync, in the `.files` phase) before their ingest.
    public var settle = false

    public init(source: FastSpectrumSource, folder: URL, chunkFiles: Int, batchSize: Int = 200, writerThreads: Int? = nil,
                settle: Bool = false) {
        precondition(chunkFiles >= 1 && batchSize >= 1, "chunks and batches need at least one file")
        self.source = source
        self.folder = folder
        self.chunkFiles = chunkFiles
        self.batchSize = batchSize
        self.writerThreads = writerThreads
        self.settle = settle
    }

    /// Streams every observation of the survey. `follow` runs the ingest jobs to completion (the demo's
    /// workers); `phase` wraps each step (for timing and memory sampling) and must run the body it is given.
    public func run(database: PostgresConnectionFactory, follow: @escaping DemoRunner.Follow,
                    phase: (Phase, () async throws -> Void) async throws -> Void) async throws -> Summary {
        let total = source.survey.observations.count
        var summary = Summary(chunks: 0, files: 0, bytes: 0, jobs: 0)
        for start in stride(from: 0, to: total, by: chunkFiles) {
            let range = start..<min(total, start + chunkFiles)
            var files: [URL] = []
            try await phase(.files) {
                files = try source.write(observations: range, into: folder, workers: writerThreads)
                summary.bytes += files.reduce(Int64(0)) { sum, url in
                    sum + ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0)
                }
                if settle {
                    for url in files {
                        let handle = try FileHandle(forReadingFrom: url)
                        defer { try? handle.close() }
                        try handle.synchronize()
                    }
                }
            }
            let paths = files.map(\.path), batch = batchSize
            try await phase(.ingest) {
                let jobs = try await database.withConnection { try IngestLamostJob.enqueue(paths: paths, batchSize: batch, db: $0) }
                summary.jobs += jobs.count
                try await follow(jobs.compactMap(\.id), [JobKind.ingestLamost], "spectrum files", paths.count)
            }
            try await phase(.files) {
                for url in files { try FileManager.default.removeItem(at: url) }
            }
            summary.chunks += 1
            summary.files += files.count
        }
        return summary
    }
}
