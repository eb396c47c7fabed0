import ArgumentParser
import Catalogue
import Demo
import Formats
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import SLAMNumerics
import Server
import Store
import TAP

/// `slam-bench tap`: the TAP service (`slam serve`'s server, in this process, on a loopback port) over a
/// published catalogue of `--spectra` spectra with current labels, in a database made afresh
/// (`slam_bench_tap`). Prints the latency of 1-arcminute and 1-degree ADQL cone searches over HTTP
/// (median, 95th percentile, maximum), the server-side time of the same queries without HTTP, the plan of
/// one, and the download of every row as BINARY2 with this process's resident memory before, at its peak
/// and after, for all rows and a tenth of them (constant memory: the peaks do not grow with the rows).
/// Asserts nothing.
struct TapBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tap",
        abstract: "The TAP service over HTTP: cone-search latency and the memory of a streamed BINARY2 result.")

    @Option(help: "Spectra with current labels in the catalogue.") var spectra = 100_000
    @Option(help: "Area of the field they fill, square degrees (500 per square degree is LAMOST's density).") var area = 200.0
    @Option(help: "Cone searches of each radius.") var queries = 200
    @Option(help: "Seed of the positions and labels, in [-1, 1] (PostgreSQL setseed); also seeds the cone centres.") var seed = 0.42
    @Flag(help: "Keep the database afterwards (for inspection with psql).") var keep = false
    @Option(name: .customLong("database-url"),
            help: "URL of a server where the bench may create its database (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    static let databaseName = "slam_bench_tap"
    static let fieldRA = 150.0
    static let fieldDec = 30.0

    func validate() throws {
        guard spectra >= 10 else { throw ValidationError("--spectra must be at least 10") }
        guard area > 0, area < 10_000 else { throw ValidationError("--area must be in (0, 10000) square degrees") }
        guard queries >= 1 else { throw ValidationError("--queries must be at least 1") }
        guard (-1...1).contains(seed) else { throw ValidationError("--seed must be in [-1, 1]") }
    }

    func run() async throws {
        var logger = Logger(label: "slam.bench.tap")
        logger.logLevel = .warning
        let (resolved, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let admin = try PostgresConnection(configuration: resolved, logger: logger)
        try admin.recreateDatabase(Self.databaseName)
        let configuration = resolved.withDatabase(Self.databaseName)
        let db = try PostgresConnection(configuration: configuration, logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db)
        print("slam-bench tap: \(spectra) spectra with current labels in \(Int(area)) deg² around (\(Self.fieldRA), \(Self.fieldDec))")
        print("  database \(Self.databaseName) on \(source.rawValue), PostgreSQL \(try db.serverVersion()), "
              + "\(ProcessInfo.processInfo.activeProcessorCount) cores")

        let clock = ContinuousClock()
        let start = clock.now
        try fill(db)
        _ = try LoginRoleQueries.ensureLoginRole(name: LoginGroup.tap.defaultLoginRole, group: .tap, db: db)
        try TapService.refreshSchema(db: db)
        print(String(format: "  fill + ANALYZE + TAP_SCHEMA: %.1f s", (clock.now - start).seconds))

        let tapFactory = PostgresConnectionFactory(configuration: configuration.withUser(LoginGroup.tap.defaultLoginRole), logger: logger)
        let tables = try TapService.loadTables(tapFactory)
        let service = TapService(configuration: TapConfiguration(baseURL: "http://127.0.0.1/tap", defaultMaxRecords: spectra,
                                                                 hardMaxRecords: max(spectra, 10_000_000)),
                                 queryDatabase: tapFactory, tables: tables, logger: logger)
        let jobs = PostgresConnectionFactory(configuration: configuration, logger: logger)
        var serverLogger = logger
        serverLogger.logLevel = .critical  // its shutdown by cancellation at the end is not news
        let server = CatalogueServer(host: "127.0.0.1", port: 0, tap: service, jobsDatabase: jobs, logger: serverLogger)
        let running = try await BenchServer.start(server)
        let port = running.port
        let base = "http://127.0.0.1:\(port)/tap"

        var rng = SplitMix64(seed: UInt64(bitPattern: Int64((seed * 1e9).rounded())))
        for (label, radius) in [("1 arcmin", 1.0 / 60), ("1 degree", 1.0)] {
            let adqls = (0..<queries).map { _ in cone(radius: radius, rng: &rng) }
            let http = try await Self.timeHTTP(adqls, base: base)
            let direct = try Self.timeInProcess(adqls, service: service)
            print("\n  cone search, \(label), \(queries) queries (random centres in the field), VOTable BINARY2:")
            print("    over HTTP (client wall, keep-alive):  \(Self.summary(http.seconds))   rows/query: median \(Self.median(http.rows))")
            print("    server side (plan + query + encode):  \(Self.summary(direct))")
        }
        print("\n  EXPLAIN (ANALYZE, BUFFERS) of a 1-arcminute cone search, as translated:")
        let plan = try service.plan(TapParameters(query: cone(radius: 1.0 / 60, rng: &rng)))
        for line in try TapBenchmarkQueries.explain(plan.statement, db: db) { print("    " + line) }

        print("\n  every row of slam.labels downloaded as VOTable BINARY2 (read as it arrives, not kept):")
        print("      rows        bytes      s     MB/s   RSS before   peak   after   growth at peak")
        for rows in [spectra / 10, spectra] {
            let download = try await Self.download(base: base, rows: rows)
            print(String(format: "    %7d  %11d  %5.2f  %6.1f   %7.1f MB  %6.1f  %6.1f   %+6.1f MB", download.rows, download.bytes,
                         download.seconds, Double(download.bytes) / 1e6 / download.seconds, download.before / 1e6,
                         download.peak / 1e6, download.after / 1e6, (download.peak - download.before) / 1e6))
        }
        await running.stop()
        if !keep {
            try admin.dropDatabase(Self.databaseName)
        }
    }

    /// Spectra in the field, a training set and a ready model of label set `bench` promoted to current,
    /// and one prediction per spectrum.
    func fill(_ db: PostgresConnection) throws {
        try SyntheticSkyQueries.seed(seed, db: db)
        try TapBenchmarkQueries.fillSpectra(count: spectra, ra: Self.fieldRA, dec: Self.fieldDec, areaDeg2: area, db: db)
        let preprocessing = try PreprocessingQueries.ensure(version: "bench", settings: JSONB("{}"), gridStart: 3900, gridStep: 1,
                                                            pixels: 3000, db: db)
        let names = TapBenchmarkQueries.labelNames
        let set = try TrainingSetQueries.insert(.init(
            name: "bench", version: 1, labelSet: "bench", labelNames: names, labelSource: "bench", crossmatchRunID: nil,
            preprocessingID: preprocessing, criteria: JSONB("{}"), validationFraction: 0, seed: 1, members: 0, catalogueID: nil), db: db)
        let model = try SyntheticCatalogueQueries.readyModel(labelSet: "bench", trainingSetID: set, labelNames: names,
                                                             preprocessingID: preprocessing, pixels: 3000, db: db)
        try ModelPromotionQueries.insert(labelSet: "bench", modelID: model, previous: nil, decidedBy: "user", reasons: JSONB("{}"), db: db)
        try TapBenchmarkQueries.fillPredictions(modelID: model, db: db)
    }

    /// An ADQL cone search of `radius` degrees around a random point of the field (away from its edges).
    func cone(radius: Double, rng: inout SplitMix64) -> String {
        let side = 0.9 * area.squareRoot()
        let ra = Self.fieldRA + (Double.random(in: 0..<1, using: &rng) - 0.5) * side / cos(Self.fieldDec * .pi / 180)
        let dec = Self.fieldDec + (Double.random(in: 0..<1, using: &rng) - 0.5) * side
        return """
            SELECT obsid, designation, ra, dec, teff, logg, m_h, flags FROM slam.labels
            WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', \(ra), \(dec), \(radius)))
            """
    }

    /// Each query's wall time over HTTP (one session, its connection kept alive) and its row count.
    static func timeHTTP(_ adqls: [String], base: String) async throws -> (seconds: [Double], rows: [Int]) {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        var seconds: [Double] = []
        var rows: [Int] = []
        let clock = ContinuousClock()
        for adql in adqls {
            var components = URLComponents(string: base + "/sync")
            components?.queryItems = [URLQueryItem(name: "LANG", value: "ADQL"), URLQueryItem(name: "QUERY", value: adql),
                                      URLQueryItem(name: "RESPONSEFORMAT", value: "votable/b2")]
            guard let url = components?.url else { throw ValidationError("bad URL for \(adql)") }
            let start = clock.now
            let (data, response) = try await session.data(from: url)
            seconds.append((clock.now - start).seconds)
            guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                throw ValidationError("the service answered \(response): \(String(decoding: data, as: UTF8.self))")
            }
            rows.append(try VOTableReader.read(Array(data)).rows.count)
        }
        return (seconds, rows)
    }

    /// Each query's time in this process without HTTP: plan, open (connect, run) and encode every byte.
    static func timeInProcess(_ adqls: [String], service: TapService) throws -> [Double] {
        let clock = ContinuousClock()
        return try adqls.map { adql in
            let start = clock.now
            let parameters = TapParameters(query: adql, format: .votableBinary2)
            let stream = try service.open(try service.plan(parameters), parameters: parameters)
            var bytes = stream.header().count
            while let chunk = stream.next() { bytes += chunk.count }
            stream.close()
            _ = bytes
            return (clock.now - start).seconds
        }
    }

    struct Download {
        var rows: Int
        var bytes: Int
        var seconds: Double
        var before: Double
        var peak: Double
        var after: Double
    }

    /// Downloads `SELECT * FROM slam.labels` (MAXREC `rows`) as BINARY2, counting bytes as they arrive,
    /// while a sampler reads this process's resident memory every 10 ms.
    static func download(base: String, rows: Int) async throws -> Download {
        var components = URLComponents(string: base + "/sync")
        components?.queryItems = [URLQueryItem(name: "LANG", value: "ADQL"), URLQueryItem(name: "QUERY", value: "SELECT * FROM slam.labels"),
                                  URLQueryItem(name: "RESPONSEFORMAT", value: "votable/b2"), URLQueryItem(name: "MAXREC", value: String(rows))]
        guard let url = components?.url else { throw ValidationError("bad URL") }
        let sampler = ResourceSampler(postmasterPID: nil, intervalSeconds: 0.01)
        let before = Double(ResourceSampler.residentBytes())
        sampler.start()
        _ = sampler.takePeaks()
        let counter = ByteCounter()
        let session = URLSession(configuration: .ephemeral, delegate: counter, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let clock = ContinuousClock()
        let start = clock.now
        let failure = await withCheckedContinuation { continuation in
            counter.start(session.dataTask(with: url), continuation: continuation)
        }
        let seconds = (clock.now - start).seconds
        let peak = Double(sampler.takePeaks().processBytes)
        sampler.stop()
        if let failure { throw ValidationError("download failed: \(failure)") }
        return Download(rows: rows, bytes: counter.bytes, seconds: seconds, before: before, peak: peak,
                        after: Double(ResourceSampler.residentBytes()))
    }

    static func median(_ values: [Int]) -> Int { values.sorted()[values.count / 2] }

    /// "median 3.1 ms  p95 4.0 ms  max 9.9 ms".
    static func summary(_ seconds: [Double]) -> String {
        let sorted = seconds.sorted()
        let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.down)))]
        return String(format: "median %6.2f ms  p95 %6.2f ms  max %6.2f ms", sorted[sorted.count / 2] * 1000, p95 * 1000,
                      (sorted.last ?? 0) * 1000)
    }
}

/// Counts a download's bytes as they arrive (nothing kept) and reports its end.
private final class ByteCounter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var continuation: CheckedContinuation<String?, Never>?

    var bytes: Int { lock.withLock { count } }

    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<String?, Never>) {
        lock.withLock { self.continuation = continuation }
        task.resume()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock { count += data.count }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let waiting = lock.withLock { () -> CheckedContinuation<String?, Never>? in
            defer { continuation = nil }
            return continuation
        }
        let status = (task.response as? HTTPURLResponse)?.statusCode ?? 0
        waiting?.resume(returning: error.map { "\($0)" } ?? (status == 200 ? nil : "HTTP \(status)"))
    }
}
