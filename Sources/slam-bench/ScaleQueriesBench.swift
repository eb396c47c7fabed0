import ArgumentParser
import Catalogue
import Demo
import Foundation
import Logging
import Store

/// `slam-bench scale-queries`: the users' queries of `slam-bench scale` (``ScaleBenchmarkQueries``) at
/// sizes the whole pipeline takes hours to reach on this machine. For each size a fresh database
/// (`slam_bench_queries`) is filled in SQL (``SyntheticCatalogueQueries``: spectra over LAMOST's footprint
/// with headers of a real header's size, `--models` versions of one label set each predicting every
/// spectrum, the last current), vacuumed and analysed as autovacuum would leave it; then each query runs
/// `--query-runs` times with random inputs. Prints the fill time, the tables' bytes, the queries' median and
/// 95th percentile, with several sizes their growth exponents, and with `--verbose` their plans; with two
/// or more versions, the cost of removing the first (a row-by-row DELETE against `slam model purge`). The
/// rows are synthetic, the queries, views and indexes those of production. Asserts nothing.
struct ScaleQueriesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale-queries",
        abstract: "The users' queries on a catalogue of N spectra filled in SQL (no files, no fits): latency and plans at survey size.")

    @Option(help: "Sizes, one fresh database each, e.g. 100000,1000000.")
    var sizes = "100000,1000000"

    @Option(help: "Model versions of the label set, each predicting every spectrum (the last is current).")
    var models = 1

    @Option(name: .customLong("header-bytes"),
            help: "Bytes of each spectrum's jsonb FITS header, incompressible (default: rows of about 2 kB inline, as ingested LAMOST rows measure).")
    var headerBytes = 1_700

    @Option(name: .customLong("query-runs"), help: "Runs of each query, each with another random spectrum.")
    var queryRuns = 50

    @Option(help: "Seed of the positions and labels, in [-1, 1] (PostgreSQL setseed).")
    var seed = 0.42

    @Flag(help: "Print each query's EXPLAIN (ANALYZE, BUFFERS).")
    var verbose = false

    @Flag(name: .customLong("while-writing"),
          help: "Also time the queries and an export of the current labels while a new model version's predictions are written in batches of 500, as predict jobs write them.")
    var whileWriting = false

    @Flag(help: "Keep the database of the last size afterwards (for inspection with psql).")
    var keep = false

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL of the server (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    static let databaseName = "slam_bench_queries"

    func sizeList() throws -> [Int] {
        let list = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.count == sizes.split(separator: ",").count, list.allSatisfy({ $0 >= 100 }) else {
            throw ValidationError("--sizes must be a comma-separated list of sizes of at least 100, e.g. 100000,1000000")
        }
        return list
    }

    func validate() throws {
        _ = try sizeList()
        guard models >= 1 else { throw ValidationError("--models must be at least 1") }
        guard headerBytes >= 0 else { throw ValidationError("--header-bytes must not be negative") }
        guard queryRuns >= 1 else { throw ValidationError("--query-runs must be at least 1") }
        guard (-1...1).contains(seed) else { throw ValidationError("--seed must be in [-1, 1]") }
    }

    func run() async throws {
        var logger = Logger(label: "slam.bench.scale-queries")
        logger.logLevel = .warning
        let (resolved, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let admin = try PostgresConnection(configuration: resolved, logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        let list = try sizeList()
        print("slam-bench scale-queries: sizes \(list.map(String.init).joined(separator: ", ")), \(models) model version(s), "
              + "headers of \(headerBytes) bytes, \(queryRuns) runs per query; database \(Self.databaseName) on \(source.rawValue)")
        var timings: [[ScaleQueryTiming]] = []
        let clock = ContinuousClock()
        for (index, n) in list.enumerated() {
            try admin.recreateDatabase(Self.databaseName)
            let db = try PostgresConnection(configuration: resolved.withDatabase(Self.databaseName), logger: logger)
            _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db)
            let start = clock.now
            let catalogue = try fill(n, db: db)
            let filled = clock.now
            try SyntheticCatalogueQueries.vacuumAnalyse(db: db)
            print(String(format: "\nN = %d: filled in %.1f s, VACUUM (ANALYZE) %.1f s; PostgreSQL %@", n, (filled - start).seconds,
                         (clock.now - filled).seconds, try db.serverVersion()))
            print("\n| table (N = \(n)) | bytes/spectrum | heap | TOAST | index | total MB |")
            print("|---|---:|---:|---:|---:|---:|")
            for t in try ScaleBenchmarkQueries.tableSizes(db: db) where t.totalBytes > 1_048_576 {
                print("| \(t.table) | \(ScaleTable.perSpectrum(t.totalBytes, n)) | \(ScaleTable.perSpectrum(t.heapBytes, n)) | "
                      + "\(ScaleTable.perSpectrum(t.toastBytes, n)) | \(ScaleTable.perSpectrum(t.indexBytes, n)) | "
                      + "\(ScaleTable.megabytes(t.totalBytes)) |")
            }
            let timed = try ScaleQueryTiming.measureAll(runs: queryRuns, db: db)
            timings.append(timed)
            print("\n| query (N = \(n), random inputs) | median ms | p95 ms | rows (median) |")
            print("|---|---:|---:|---:|")
            for q in timed {
                print(String(format: "| %@ | %.2f | %.2f | %d |", q.query.rawValue, q.medianMilliseconds, q.p95Milliseconds, q.medianRows))
            }
            if verbose {
                for q in timed {
                    print("\nEXPLAIN (ANALYZE, BUFFERS) \(q.query.rawValue):")
                    for line in q.plan { print("  " + line) }
                }
            }
            if whileWriting {
                try await measureWhileWriting(n, catalogue: catalogue, before: timed,
                                              configuration: resolved.withDatabase(Self.databaseName), logger: logger)
            }
            if models >= 2 { try removeFirstVersion(n, db: db) }
            if index < list.count - 1 || !keep {
                try admin.dropDatabase(Self.databaseName)
            }
        }
        if list.count > 1 {
            let sizes = list.map(Double.init)
            print("\n| query | " + list.map { "median ms at N = \($0)" }.joined(separator: " | ") + " | k (time ∝ N^k) |")
            print("|---|" + String(repeating: "---:|", count: list.count + 1))
            for (q, query) in ScaleBenchmarkQueries.Query.allCases.enumerated() {
                let ms = timings.map { $0[q].medianMilliseconds }
                let k = GrowthExponent.fit(sizes: sizes, seconds: ms).map { String(format: "%.2f", $0) } ?? "-"
                print("| \(query.rawValue) | " + ms.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " | \(k) |")
            }
        }
    }

    /// Removing a superseded model version (the first, retired): its predictions deleted row by row (and
    /// rolled back), as before `prediction` was partitioned by model, against `slam model purge`, which
    /// drops its partition (migration 0035). Prints time, WAL written and disk freed.
    func removeFirstVersion(_ n: Int, db: PostgresConnection) throws {
        let clock = ContinuousClock()
        let partitions = try PredictionPartitionQueries.partitions(db: db)
        guard let first = partitions.first else { return }
        _ = try ModelQueries.retire(id: first.modelID, db: db)
        var wal = try ScaleBenchmarkQueries.walPosition(db: db)
        var start = clock.now
        let deleted = try ScaleBenchmarkQueries.deletePredictionsRolledBack(modelID: first.modelID, db: db)
        let deleteSeconds = (clock.now - start).seconds
        let deleteWAL = try ScaleBenchmarkQueries.walBytes(since: wal, db: db)
        wal = try ScaleBenchmarkQueries.walPosition(db: db)
        start = clock.now
        let purged = try db.transaction { try PredictionPartitionQueries.purge(modelID: first.modelID, db: $0) }
        let purgeSeconds = (clock.now - start).seconds
        let purgeWAL = try ScaleBenchmarkQueries.walBytes(since: wal, db: db)
        print("\n| removing model version \(first.modelID) (N = \(n)) | predictions | s | WAL MB | disk freed MB |")
        print("|---|---:|---:|---:|---:|")
        print(String(format: "| DELETE of its rows (rolled back; the space stays until vacuum) | %d | %.2f | %@ | 0 |", deleted, deleteSeconds,
                     ScaleTable.megabytes(deleteWAL)))
        print(String(format: "| slam model purge (its partition dropped) | %d | %.3f | %@ | %@ |", purged, purgeSeconds,
                     ScaleTable.megabytes(purgeWAL), ScaleTable.megabytes(first.bytes)))
    }

    /// What ``fill(_:db:)`` made: the training set and preprocessing of the models, and the current model.
    struct FilledCatalogue: Sendable {
        var trainingSetID: Int
        var preprocessingID: Int
        var currentModelID: Int
    }

    /// Spectra, a training set and `models` ready model versions of label set `bench`, each predicting every
    /// spectrum and promoted in turn (the last is current).
    func fill(_ n: Int, db: PostgresConnection) throws -> FilledCatalogue {
        try SyntheticSkyQueries.seed(seed, db: db)
        try SyntheticCatalogueQueries.fillSpectra(count: n, headerBytes: headerBytes, db: db)
        let preprocessing = try PreprocessingQueries.ensure(version: "bench", settings: JSONB("{}"), gridStart: 3900, gridStep: 1,
                                                            pixels: 1901, db: db)
        let names = SyntheticCatalogueQueries.labelNames
        let set = try TrainingSetQueries.insert(.init(
            name: "bench", version: 1, labelSet: "bench", labelNames: names, labelSource: "bench", crossmatchRunID: nil,
            preprocessingID: preprocessing, criteria: JSONB("{}"), validationFraction: 0, seed: 1, members: 0, catalogueID: nil), db: db)
        var previous: Int?
        for _ in 0..<models {
            let model = try SyntheticCatalogueQueries.readyModel(labelSet: "bench", trainingSetID: set, labelNames: names,
                                                                 preprocessingID: preprocessing, pixels: 1901, db: db)
            try SyntheticCatalogueQueries.fillPredictions(modelID: model, db: db)
            try ModelPromotionQueries.insert(labelSet: "bench", modelID: model, previous: previous, decidedBy: "user",
                                             reasons: JSONB("{}"), db: db)
            previous = model
        }
        guard let current = previous else { throw ValidationError("--models must be at least 1") }
        return FilledCatalogue(trainingSetID: set, preprocessingID: preprocessing, currentModelID: current)
    }
}
