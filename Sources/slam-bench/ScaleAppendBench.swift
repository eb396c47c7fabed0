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

    @Option(name: .customLong("retrain-runs"), help: "Runs of the retraining check.")
    var retrainRuns = 20

    @Option(help: "Database of the earlier scale run (kept; migrated to the current schema first).")
    var database = "slam_bench_scale"

    @OptionGroup(title: "Survey stream, queries and server") var stream: ScaleStreamOptions

    func validate() throws {
        guard (100...10_000_000).contains(spectra) else { throw ValidationError("--spectra must be 100...10000000") }
        guard retrainRuns >= 1 else { throw ValidationError("--retrain-runs >= 1") }
    }

    func run() async throws {
        let logger = ScaleStreamOptions.logger(label: "slam.bench.scale-append")
        let (server, source) = try DatabaseResolver.resolve(explicitURL: stream.databaseURL, logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        let factory = PostgresConnectionFactory(configuration: server.withDatabase(database), retry: .standard, logger: logger)
        try await factory.withConnection { db in _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db) }
        let scratchRoot = URL(fileURLWithPath: stream.scratch ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("slam-bench-scale-append-\(getpid())").path)
        var settings = stream.applied(to: ScaleSettings(spectra: spectra, seed: seed, scratch: scratchRoot))
        settings.apogeeRows = 0
        print("slam-bench scale-append: \(spectra) new spectra (\(settings.stars) stars of \(stream.starTypes) types, seed \(seed)), "
            + "\(stream.workers) worker slots, database \(database) on \(source.rawValue), scratch \(scratchRoot.path)")
        defer { if stream.scratch == nil { try? FileManager.default.removeItem(at: scratchRoot) } }
        let appended = try await ScaleRunner(settings: settings, database: factory, logger: logger).append(
            retrainRuns: retrainRuns, say: { print($0) }, follow: ScaleWorkers.follow(factory: factory, concurrency: stream.workers, logger: logger))
        let checks = appended.retrainCheckMilliseconds.sorted()
        print("\nappended \(appended.result.spectra) spectra to \(appended.spectraBefore) (model \(appended.modelID)):")
        if !checks.isEmpty {
            print(String(format: "  retraining check with nothing changed: median %.1f ms, largest %.1f ms (%d runs)",
                         ScaleQueryTiming.percentile(checks, 0.5), checks.last ?? 0, checks.count))
        }
        print("  ingest wrote \(appended.spectrumRowsWritten) spectrum rows and \(appended.preprocessedRowsWritten) preprocessed spectra")
        print("  prediction planned \(appended.spectraPredicted) spectra; the calibration wrote \(appended.predictionsCalibrated) predictions")
        ScaleTable.print(appended.result, verbose: stream.verbose)
    }
}
