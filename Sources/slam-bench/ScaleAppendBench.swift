import ArgumentParser
import Catalogue
import Demo
import Foundation
import Logging
import Pipeline
import Store

/// `slam-bench scale-append`: a new release appended to the database an earlier `slam-bench scale` run
/// left (issue 18, incremental operation at scale; ``ScaleRunner/append(retrainRuns:say:follow:)``). Times
/// the retraining check with nothing changed, then writes and ingests `--spectra` new files, crossmatches,
/// predicts what the current model has not predicted, calibrates, exports and times the users' queries;
/// prints the stages as `slam-bench scale` does and what each step wrote. Prints figures; asserts nothing
/// beyond refusing a database that no scale run built.
struct ScaleAppendBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale-append",
        abstract: "Append a release to a scale run's database and measure what is redone (ingest, prediction, calibration, retraining check).")

    @Option(help: "Spectrum files of the new release.")
    var spectra = 20_000

    @Option(help: "Seed of the new release (another than the scale run's, so that its stars are new).")
    var seed: UInt64 = 2

    @Option(name: .customLong("star-types"), help: "Star types synthesised once (every star shares the labels of one).")
    var starTypes = 2_000

    @Option(help: "Spectrum files written, ingested and deleted at a time.")
    var chunk = 20_000

    @Option(help: "In-process worker slots.")
    var workers = 2

    @Option(name: .customLong("batch-size"), help: "Files per ingest job.")
    var batchSize = 200

    @Option(help: "Scratch directory for the chunks of files and the export (default: a temporary directory).")
    var scratch: String?

    @Option(name: .customLong("retrain-runs"), help: "Runs of the retraining check.")
    var retrainRuns = 20

    @Option(name: .customLong("query-runs"), help: "Runs of each query, each with another random spectrum.")
    var queryRuns = 50

    @Flag(name: .customLong("settle-chunks"), help: "Flush each chunk's files to disk before its ingest (counted in simulate+write).")
    var settleChunks = false

    @Flag(help: "Print each stage's bytes per table and each query's EXPLAIN (ANALYZE, BUFFERS).")
    var verbose = false

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL of the server (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    @Option(help: "Database of the earlier scale run (kept; migrated to the current schema first).")
    var database = "slam_bench_scale"

    func validate() throws {
        guard (100...10_000_000).contains(spectra) else { throw ValidationError("--spectra must be 100...10000000") }
        guard chunk >= 100, workers >= 1, batchSize >= 1, retrainRuns >= 1, queryRuns >= 1 else {
            throw ValidationError("--chunk >= 100, --workers >= 1, --batch-size >= 1, --retrain-runs >= 1, --query-runs >= 1")
        }
    }

    func run() async throws {
        let logger = {
            var logger = Logger(label: "slam.bench.scale-append")
            logger.logLevel = .warning
            return logger
        }()
        let (server, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        let factory = PostgresConnectionFactory(configuration: server.withDatabase(database), retry: .standard, logger: logger)
        try await factory.withConnection { db in _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db) }
        let scratchRoot = URL(fileURLWithPath: scratch ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("slam-bench-scale-append-\(getpid())").path)
        var settings = ScaleSettings(spectra: spectra, seed: seed, scratch: scratchRoot)
        settings.starTypes = starTypes
        settings.apogeeRows = 0
        settings.chunkFiles = chunk
        settings.batchSize = batchSize
        settings.queryRuns = queryRuns
        settings.settleChunks = settleChunks
        print("slam-bench scale-append: \(spectra) new spectra (\(settings.stars) stars of \(starTypes) types, seed \(seed)), "
            + "\(workers) worker slots, database \(database) on \(source.rawValue), scratch \(scratchRoot.path)")
        defer { if scratch == nil { try? FileManager.default.removeItem(at: scratchRoot) } }
        let appended = try await ScaleRunner(settings: settings, database: factory, logger: logger).append(
            retrainRuns: retrainRuns, say: { print($0) }, follow: ScaleWorkers.follow(factory: factory, concurrency: workers, logger: logger))
        let checks = appended.retrainCheckMilliseconds.sorted()
        print("\nappended \(appended.result.spectra) spectra to \(appended.spectraBefore) (model \(appended.modelID)):")
        if !checks.isEmpty {
            print(String(format: "  retraining check with nothing changed: median %.1f ms, largest %.1f ms (%d runs)",
                         ScaleQueryTiming.percentile(checks, 0.5), checks.last ?? 0, checks.count))
        }
        print("  ingest wrote \(appended.spectrumRowsWritten) spectrum rows and \(appended.preprocessedRowsWritten) preprocessed spectra")
        print("  prediction planned \(appended.spectraPredicted) spectra; the calibration wrote \(appended.predictionsCalibrated) predictions")
        ScaleTable.print(appended.result, verbose: verbose)
    }
}
