import ArgumentParser
import Catalogue
import Demo
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Pages
import Server
import Store
import TAP

/// `slam-bench pages`: the pages of `slam serve` on a survey of `--spectra` spectra, in a database made
/// afresh (`slam_bench_pages`): a small real survey (the demo's pipeline on `--demo-stars` stars: real
/// spectra, model, fits, repeats, crossmatch, calibration) plus synthetic spectra labelled by its current
/// model up to `--spectra`. Prints the server-side time of a star page with its fit computed on the fly
/// (model cold, then warm), the same pages over HTTP, a star page without a fit, the dashboard's
/// background summary and the dashboard over HTTP, a cone search, and the model pages. Asserts nothing.
struct PagesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "The pages: star page (with the fit) and dashboard latency on a survey of many spectra.")

    @Option(help: "Spectra in the survey (the demo's plus synthetic ones).") var spectra = 100_000
    @Option(name: .customLong("demo-stars"), help: "Stars of the real mock survey run through the pipeline.") var demoStars = 300
    @Option(help: "Area of the synthetic spectra's field, square degrees.") var area = 200.0
    @Option(help: "Requests of each kind.") var requests = 50
    @Flag(help: "Keep the database afterwards (for inspection, or for `slam serve` on it).") var keep = false
    @Option(name: .customLong("database-url"),
            help: "URL of a server where the bench may create its database (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    static let databaseName = "slam_bench_pages"
    /// Synthetic spectra's obsids start here, above the mock survey's.
    static let firstSyntheticObsid: Int64 = 10_000_000

    func validate() throws {
        guard demoStars >= 100 else { throw ValidationError("--demo-stars must be at least 100") }
        guard spectra >= demoStars else { throw ValidationError("--spectra must be at least --demo-stars") }
        guard requests >= 1 else { throw ValidationError("--requests must be at least 1") }
    }

    func run() async throws {
        let logger = { () -> Logger in
            var logger = Logger(label: "slam.bench.pages")
            logger.logLevel = .warning
            return logger
        }()
        let (resolved, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let admin = try PostgresConnection(configuration: resolved, logger: logger)
        try admin.recreateDatabase(Self.databaseName)
        let configuration = resolved.withDatabase(Self.databaseName)
        let factory = PostgresConnectionFactory(configuration: configuration, retry: .standard, logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        _ = try await factory.withConnection { try MigrationRunner(migrations: migrations, logger: logger).migrate($0) }
        let clock = ContinuousClock()

        // The real survey: the demo's pipeline on a few hundred stars.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("slam-bench-pages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var settings = DemoSettings(stars: demoStars, seed: 7, output: output, hyperparameters: DemoSettings.defaultFixed, folds: 2)
        settings.laspApplication = false
        settings.densityComparison = false
        var start = clock.now
        let result = try await DemoRunner(settings: settings, database: factory, logger: logger)
            .run(say: { _ in }, follow: DemoRunner.inProcessWorkers(factory, logger: logger))
        let model = result.modelID
        print("slam-bench pages: database \(Self.databaseName) on \(source.rawValue), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(String(format: "  real survey (demo pipeline, %d stars, model %d): %.1f s", demoStars, model, (clock.now - start).seconds))

        // Synthetic spectra labelled by the current model, up to the survey's size.
        start = clock.now
        let (total, real, fittable) = try await factory.withConnection { db in
            let real = try db.query("SELECT count(*) FROM lamost_spectrum").first?.decode(Int.self, at: 0) ?? 0
            try SyntheticSkyQueries.seed(0.42, db: db)
            if spectra > real {
                try TapBenchmarkQueries.fillSpectra(count: spectra - real, firstObsid: Self.firstSyntheticObsid, ra: 150, dec: 30,
                                                    areaDeg2: area, db: db)
            }
            try PagesBenchmarkQueries.fillPredictions(modelID: model, db: db)
            _ = try LoginRoleQueries.ensureLoginRole(name: LoginGroup.tap.defaultLoginRole, group: .tap, db: db)
            _ = try LoginRoleQueries.ensureLoginRole(name: LoginGroup.reader.defaultLoginRole, group: .reader, db: db)
            try TapService.refreshSchema(db: db)
            return (try db.query("SELECT count(*) FROM lamost_spectrum").first?.decode(Int.self, at: 0) ?? 0, real,
                    try PagesBenchmarkQueries.fittableSpectra(modelID: model, count: requests, db: db))
        }
        print(String(format: "  synthetic spectra and their labels: %.1f s; %d spectra (%d of the real survey), all labelled by model %d",
                     (clock.now - start).seconds, total, real, model))

        let reader = PostgresConnectionFactory(configuration: configuration.withUser(LoginGroup.reader.defaultLoginRole), logger: logger)
        let tapFactory = PostgresConnectionFactory(configuration: configuration.withUser(LoginGroup.tap.defaultLoginRole), logger: logger)
        let tap = TapService(configuration: TapConfiguration(baseURL: "http://127.0.0.1/tap"), queryDatabase: tapFactory,
                             tables: try TapService.loadTables(tapFactory), logger: logger)
        var serverLogger = logger
        serverLogger.logLevel = .critical
        let pages = CataloguePages(database: reader, summaryRefreshSeconds: 3600, logger: serverLogger)

        // Server side: what a request costs without HTTP, as the routes do it (a connection per page).
        print("\n  server side (a connection, the queries, the fit, the HTML), \(fittable.count) star pages of the real survey:")
        start = clock.now
        _ = try await Self.starPage(fittable[0], pages: pages)
        print(String(format: "    first star page (decodes the model):  %7.2f ms", (clock.now - start).seconds * 1000))
        var times: [Double] = []
        for obsid in fittable {
            let begin = clock.now
            let html = try await Self.starPage(obsid, pages: pages)
            times.append((clock.now - begin).seconds)
            guard html.contains("Fit of model") else { throw ValidationError("the star page of \(obsid) has no fit") }
        }
        print("    star page with the fit recomputed:    \(TapBench.summary(times))")
        var summaries: [Double] = []
        for _ in 0..<3 {
            let begin = clock.now
            _ = try await pages.summary.refresh()
            summaries.append((clock.now - begin).seconds)
        }
        print("    dashboard summary (background, 3x):   \(TapBench.summary(summaries))")

        let server = CatalogueServer(host: "127.0.0.1", port: 0, tap: tap, jobsDatabase: factory, pages: pages, logger: serverLogger)
        let running = try await BenchServer.start(server)
        let root = "http://127.0.0.1:\(running.port)"
        let synthetic = (0..<requests).map { Self.firstSyntheticObsid + Int64(($0 * 7919) % max(1, total - real)) }
        let cones = (0..<requests).map { k in "150.\(k % 10) 30.\((k * 3) % 10) 1" }
        print("\n  over HTTP (client wall, one keep-alive session), \(requests) requests each:")
        for (label, paths) in [
            ("star page with the fit", fittable.map { "/star/\($0)" }),
            ("star page, synthetic (no fit)", synthetic.map { "/star/\($0)" }),
            ("survey dashboard", Array(repeating: "/survey", count: requests)),
            ("cone search, 1 arcmin", cones.map { "/?q=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }),
            ("model registry", Array(repeating: "/models", count: requests)),
            ("model page", Array(repeating: "/models/\(model)", count: requests)),
        ] {
            let seconds = try await Self.timeHTTP(paths, root: root)
            print("    " + label.padding(toLength: 32, withPad: " ", startingAt: 0) + TapBench.summary(seconds))
        }
        await running.stop()
        if !keep { try admin.dropDatabase(Self.databaseName) }
    }

    /// One star page as the route builds it.
    static func starPage(_ obsid: Int64, pages: CataloguePages) async throws -> String {
        let models = pages.models
        let data = try await pages.database.withConnection { db in try StarPageData.load(obsid: obsid, db: db, models: models) }
        return StarPage.html(data)
    }

    /// Each request's wall time (one session, its connection kept alive); any status but 200 is an error.
    static func timeHTTP(_ paths: [String], root: String) async throws -> [Double] {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for path in paths {
            guard let url = URL(string: root + path) else { throw ValidationError("bad URL \(root + path)") }
            let start = clock.now
            let (data, response) = try await session.data(from: url)
            seconds.append((clock.now - start).seconds)
            guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                throw ValidationError("\(path) answered \(response): \(String(decoding: data.prefix(500), as: UTF8.self))")
            }
        }
        return seconds
    }
}
