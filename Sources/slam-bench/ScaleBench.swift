import ArgumentParser
import Catalogue
import Demo
import Foundation
import Logging
import Pipeline
import Store

/// `slam-bench scale`: the survey-scale benchmark (issue 18). For each size, a fresh database
/// (`slam_bench_scale`, dropped, created, migrated) is built through the real path by ``ScaleRunner``:
/// fast mock survey streamed through the disk in chunks, ingest jobs and in-process workers, an allStar
/// table of min(730,000, N) rows, crossmatch, training set, training (fixed hyperparameters by default),
/// prediction of every spectrum, calibration, export, and the users' queries. Prints one row per stage
/// (wall time, throughput, worker and server memory peaks, database bytes added per spectrum), the
/// database's bytes per spectrum per table, the queries' median and 95th percentile, and with several
/// sizes each stage's growth exponent. Prints figures; asserts nothing.
struct ScaleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Benchmark the whole pipeline at survey scale (N spectra end to end, stage by stage, and the users' queries).")

    @Option(help: "Spectra of the survey (ignored with --sizes).")
    var spectra = 10_000

    @Option(help: "Several sizes run in turn, each on a fresh database, e.g. 10000,100000; prints growth exponents.")
    var sizes: String?

    @Option(help: "Seed of the mock survey.")
    var seed: UInt64 = 1

    @Option(name: .customLong("apogee-rows"), help: "allStar rows (default: min(730000, spectra); APOGEE DR17 has ~730,000).")
    var apogeeRows: Int?

    @Flag(help: "Write .fits.gz instead of plain .fits.")
    var gzip = false

    @Option(help: "Hyperparameters: fixed (C=4, eps=0.05, gamma=0.1), demo, default (the paper's grid) or a grid C:...;eps:...;gamma:...")
    var grid = "fixed"

    @Option(help: "Folds of the whole-method cross-validation.")
    var folds = 3

    @Option(name: .customLong("training-stars"), help: "Largest number of training stars (the surplus is held out).")
    var trainingStars = 2_000

    @Flag(name: .customLong("stop-after-ingest"), help: "End after the ingest: no crossmatch, training, prediction or queries.")
    var stopAfterIngest = false

    @Option(help: "Database created (dropped first) for each size.")
    var database = "slam_bench_scale"

    @OptionGroup(title: "Survey stream, queries and server") var stream: ScaleStreamOptions

    func validate() throws {
        guard (100...10_000_000).contains(spectra) else { throw ValidationError("--spectra must be 100...10000000") }
        guard try sizeList().allSatisfy({ (100...10_000_000).contains($0) }) else { throw ValidationError("--sizes must be 100...10000000 each") }
        guard folds >= 2, trainingStars >= 50 else { throw ValidationError("--folds >= 2, --training-stars >= 50") }
        _ = try hyperparameters()
    }

    func sizeList() throws -> [Int] {
        guard let sizes else { return [spectra] }
        let values = sizes.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { throw ValidationError("--sizes: comma-separated integers") }
        return values.compactMap { $0 }
    }

    func hyperparameters() throws -> ModelTrainingSettings.Hyperparameters {
        switch grid {
        case "fixed": return DemoSettings.defaultFixed
        case "demo": return DemoSettings.demoGrid
        default: return try .parse(grid, folds: folds)
        }
    }

    func run() async throws {
        let logger = ScaleStreamOptions.logger(label: "slam.bench.scale")
        let (server, source) = try DatabaseResolver.resolve(explicitURL: stream.databaseURL, logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        let scratchRoot = URL(fileURLWithPath: stream.scratch ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("slam-bench-scale-\(getpid())").path)
        var results: [ScaleResult] = []
        for n in try sizeList() {
            let name = database
            try await PostgresConnectionFactory(configuration: server.withDatabase("postgres"), logger: logger).withConnection { admin in
                try admin.recreateDatabase(name)
            }
            let factory = PostgresConnectionFactory(configuration: server.withDatabase(name), retry: .standard, logger: logger)
            try await factory.withConnection { db in _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db) }
            var settings = stream.applied(to: ScaleSettings(spectra: n, seed: seed, scratch: scratchRoot.appendingPathComponent("n\(n)")))
            settings.apogeeRows = apogeeRows
            settings.compressed = gzip
            settings.hyperparameters = try hyperparameters()
            settings.folds = folds
            settings.trainingStars = trainingStars
            settings.stopAfterIngest = stopAfterIngest
            print("slam-bench scale: \(n) spectra (\(settings.stars) stars of \(stream.starTypes) types), \(settings.apogeeRowCount) allStar rows, "
                + "seed \(seed), \(stream.workers) worker slots, chunks of \(stream.chunk) \(gzip ? ".fits.gz" : ".fits") files"
                + (stream.settleChunks ? " (flushed before their ingest)" : "") + ", "
                + "database \(name) on \(source.rawValue), scratch \(settings.scratch.path)")
            let result = try await ScaleRunner(settings: settings, database: factory, logger: logger).run(
                say: { print($0) }, follow: ScaleWorkers.follow(factory: factory, concurrency: stream.workers, logger: logger))
            try? FileManager.default.removeItem(at: settings.scratch)
            ScaleTable.print(result, verbose: stream.verbose)
            results.append(result)
        }
        if stream.scratch == nil { try? FileManager.default.removeItem(at: scratchRoot) }
        if results.count > 1 { ScaleTable.printGrowth(results) }
    }
}
