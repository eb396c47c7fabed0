import ArgumentParser
import Catalogue
import Foundation
import Logging
import Pipeline
import Primitives
import Queue
import SLAMNumerics
import Simulator
import Store

/// `slam-bench ingest`: end-to-end LAMOST ingest throughput. Writes a mock survey (or reuses `--dir`),
/// recreates the database `slam_bench_ingest` (dropped, created, migrated) on the embedded server or
/// `DATABASE_URL`, enqueues the ingest as `slam ingest lamost DIR` does (`IngestLamostJob.enqueue(listing:)`), runs in-process worker slots
/// until the queue is empty, and prints spectra/s; then a single-process `LamostIngestor.ingest` of a
/// sample into emptied tables shows where the time goes (checksum, read + preprocess, write). With
/// `--prefill N` the catalogue holds N synthetic spectra before the ingest, to see what grows with the
/// tables rather than with the batch. Prints figures; asserts nothing.
struct IngestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Benchmark the LAMOST ingest end to end (mock survey -> jobs -> workers -> tables).")

    @Option(help: "Stars of the mock survey (each has one or more spectra); ignored with --dir.")
    var stars = 5_000

    @Option(help: "Seed of the mock survey.")
    var seed: UInt64 = 1

    @Option(help: "Reuse a mock survey written earlier (its spectra/ folder), or write the new one there and keep it.")
    var dir: String?

    @Option(help: "In-process worker slots.")
    var workers = 2

    @Option(name: .customLong("batch-size"), help: "Files per ingest job.")
    var batchSize = 200

    @Option(help: "Files ingested by the single-process sample run (stage breakdown).")
    var sample = 1_000

    @Option(help: "Spectra already in the catalogue before the ingest (synthetic rows and preprocessed arrays, obsids from 10^9, then VACUUM ANALYZE): what grows with the tables rather than with the batch. The stage breakdown still runs on emptied tables.")
    var prefill = 0

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL of the server (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    @Option(help: "Database created (dropped first) for the benchmark.")
    var database = "slam_bench_ingest"

    /// The first obsid of the `--prefill` rows, far above the mock survey's (100,001 on).
    static let prefillFirstObsid: Int64 = 1_000_000_000

    func run() async throws {
        let logger: Logger = {
            var logger = Logger(label: "slam.bench.ingest")
            logger.logLevel = .warning
            return logger
        }()
        let clock = ContinuousClock()

        // 1. The survey.
        let directory = URL(fileURLWithPath: dir ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("slam-bench-ingest-\(seed)-\(stars)").path)
        let spectraDirectory = directory.appendingPathComponent(MockSurvey.spectraFolder)
        var files = (try? IngestFileList.expand([spectraDirectory.path])) ?? []
        if files.isEmpty {
            let start = clock.now
            let survey = try MockSurvey(configuration: MockSurveyConfiguration(stars: stars, seed: seed))
            let summary = try await survey.write(to: directory)
            files = try IngestFileList.expand([spectraDirectory.path])
            print(String(format: "mock survey: %d spectra written to %@ in %.1f s", summary.spectra, directory.path,
                         (clock.now - start).seconds))
        } else {
            print("mock survey: reusing \(files.count) spectra under \(spectraDirectory.path)")
        }
        let bytes = files.reduce(Int64(0)) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0)
        }

        // 2. A fresh database.
        let (server, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let name = database
        try await PostgresConnectionFactory(configuration: server.withDatabase("postgres"), logger: logger).withConnection { admin in
            try admin.recreateDatabase(name)
        }
        let factory = PostgresConnectionFactory(configuration: server.withDatabase(name), logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        try await factory.withConnection { db in _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db) }
        if prefill > 0 {
            let start = clock.now
            let rows = prefill
            try await factory.withConnection { db in
                try SyntheticSkyQueries.seed(0.42, db: db)
                try SyntheticCatalogueQueries.fillSpectra(count: rows, headerBytes: 1_700, firstObsid: Self.prefillFirstObsid, db: db)
                let preprocessing = try PreprocessingQueries.ensure(version: "bench-prefill", settings: JSONB("{}"), gridStart: 3900,
                                                                    gridStep: 1, pixels: 1901, db: db)
                let first = Self.prefillFirstObsid
                try SyntheticCatalogueQueries.fillPreprocessed(obsids: first...(first + Int64(rows) - 1), preprocessingID: preprocessing,
                                                               pixels: 1901, db: db)
                try SyntheticCatalogueQueries.vacuumAnalyse(db: db)
            }
            print(String(format: "prefill: %d synthetic spectra with preprocessed arrays (obsids from %lld) in %.1f s", prefill, Self.prefillFirstObsid,
                         (clock.now - start).seconds))
        }

        // 3. Enqueue and run the workers.
        let batch = batchSize
        let start = clock.now
        let listed = spectraDirectory.path
        let jobs = try await factory.withConnection { db in
            var listing = try IngestPathStream([listed])
            return try IngestLamostJob.enqueue(listing: &listing, batchSize: batch, db: db)
        }
        let enqueued = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                let worker = Queue.Worker(
                    configuration: WorkerConfiguration(kinds: [JobKind.ingestLamost], concurrency: 1, leaseSeconds: 300,
                                                       pollIntervalSeconds: 0.05, untilEmpty: true, untilEmptyHorizonSeconds: 0),
                    registry: JobKind.registry(), database: factory, logger: logger)
                group.addTask { try await worker.run() }
            }
            try await group.waitForAll()
        }
        let wall = (clock.now - start).seconds
        let counts = try await factory.withConnection { db in
            let rows = try IngestBenchmarkQueries.counts(db: db)
            let queue = JobQueue(db)
            return [rows.spectra, rows.preprocessed, rows.rejections,
                    try queue.count(kind: JobKind.ingestLamost, state: .completed), try queue.count(kind: JobKind.ingestLamost)]
        }
        print("slam-bench ingest: \(files.count) files (\(bytes / 1_048_576) MiB), \(jobs.jobs) jobs of \(batch) files, "
            + "\(workers) worker slots, \(prefill) spectra already stored, database \(name) on \(source.rawValue)")
        print(String(format: "  enqueue: %.3f s", (enqueued - start).seconds))
        print(String(format: "  end to end (enqueue + ingest): %.2f s  ->  %.0f spectra/s", wall, Double(files.count) / max(wall, 1e-9)))
        print("  rows: \(counts[0]) lamost_spectrum, \(counts[1]) spectrum_preprocessed, \(counts[2]) rejection; "
            + "jobs completed \(counts[3]) of \(counts[4])")

        // 4. Stage breakdown: a single-process run of a sample into emptied tables.
        let sampleFiles = Array(files.prefix(sample))
        let preprocessor = try SpectrumPreprocessor()
        for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
            let summary = try await factory.withConnection { db -> LamostIngestSummary in
                try IngestBenchmarkQueries.clearIngestTables(db: db)
                return try LamostIngestor(preprocessor: preprocessor, threads: threads).ingest(paths: sampleFiles, connection: db)
            }
            let total = summary.secondsChecksum + summary.secondsReadAndPreprocess + summary.secondsWrite
            let perFile = { (s: Double) in 1e3 * s / Double(max(sampleFiles.count, 1)) }
            print(String(format: "  single LamostIngestor.ingest, %d files, %d thread(s): %.2f s -> %.0f spectra/s; "
                + "checksum %.2f s (%.3f ms/file), read+preprocess %.2f s (%.3f ms/file), write %.2f s (%.3f ms/file)",
                sampleFiles.count, threads, total, Double(sampleFiles.count) / max(total, 1e-9),
                summary.secondsChecksum, perFile(summary.secondsChecksum), summary.secondsReadAndPreprocess,
                perFile(summary.secondsReadAndPreprocess), summary.secondsWrite, perFile(summary.secondsWrite)))
        }
        if dir == nil { print("  (survey kept at \(directory.path); pass --dir to reuse it)") }
    }
}

