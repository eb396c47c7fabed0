import ArgumentParser
import Catalogue
import Demo
import Foundation
import Pipeline
import Report
import Store

/// `slam demo`: the whole pipeline on a mock survey, end to end, on the embedded database by default.
struct Demo: AsyncParsableCommand {
    /// The demo's own database on the embedded server.
    static let databaseName = "slam_demo"

    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline on a mock survey: simulate, ingest, crossmatch, train, predict, evaluate; K giants with APOGEE labels, then AFGK stars with LASP labels.",
        discussion: """
            Uses the embedded PostgreSQL unless a database is configured. Writes the mock survey under OUT/survey \
            and the results to OUT/report.txt and OUT/report.html (plots; open it in a browser), then prints the precision tables and SQL queries to try next.
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Option(help: "Stars in the mock survey (about 10% more spectra: repeat observations).") var stars = 6000
    @Option(help: "Seed of the mock survey, the split and the folds.") var seed: UInt64 = 1
    @Option(help: "Output directory.") var out = "report"
    @Option(help: """
        Hyperparameters: 'demo' (default: a 4-point grid, 3-fold CV per pixel, for the APOGEE application), 'default' \
        (the paper's 220-point grid, K-fold CV per pixel, both applications), 'fixed' (C=4, epsilon=0.05, gamma=0.1) or \
        fixed:C,EPSILON,GAMMA.
        """)
    var grid = "demo"
    @Option(help: "Folds of the cross-validation.") var folds = 5
    @Option(help: "Worker slots in this process.") var workers = 2
    @Flag(name: .customLong("skip-lasp"), help: "Skip the second application (AFGK stars with LASP labels).") var skipLASP = false
    @Flag(name: .customLong("skip-balance"), help: "Skip training a second APOGEE model with inverse-density weights (the metallicity-tails comparison).")
    var skipBalance = false

    func hyperparameters() throws -> ModelTrainingSettings.Hyperparameters {
        switch grid {
        case "demo": DemoSettings.demoGrid
        case "fixed": DemoSettings.defaultFixed
        default: try .parse(grid, folds: folds)
        }
    }

    func validate() throws {
        guard stars >= 50, stars <= 1_000_000 else { throw ValidationError("--stars must be 50...1000000") }
        guard folds >= 2, folds <= 20 else { throw ValidationError("--folds must be 2...20") }
        guard workers >= 1, workers <= 64 else { throw ValidationError("--workers must be 1...64") }
        do { _ = try hyperparameters() } catch let error as ModelTrainingError { throw ValidationError(error.description) }
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.demo")
        let started = Date()
        let output = URL(fileURLWithPath: out).standardizedFileURL
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // On the embedded server the demo gets a database of its own, made afresh each run; a configured
        // database (--database-url, DATABASE_URL, PG*) is used as it is.
        let (resolved, source) = try DatabaseResolver.resolve(explicitURL: database.databaseURL, logger: logger)
        var configuration = resolved
        if source == .embedded {
            let admin = try PostgresConnection(configuration: resolved, logger: logger)
            try admin.recreateDatabase(Self.databaseName)
            configuration = resolved.withDatabase(Self.databaseName)
        }
        let factory = PostgresConnectionFactory(configuration: configuration, retry: .standard, logger: logger)
        let migrations = MigrationRunner(migrations: try Migration.load(from: try Migration.locateDirectory(explicit: nil)), logger: logger)
        let applied = try await factory.withConnection { try migrations.migrate($0) }
        print("database \(factory.configuration.redactedDescription): \(applied.applied.count) migrations applied")

        var settings = DemoSettings(stars: stars, seed: seed, output: output, hyperparameters: try hyperparameters(),
                                    folds: folds, workers: workers)
        settings.laspApplication = !skipLASP
        settings.densityComparison = !skipBalance
        if grid != "fixed" && grid != "demo" { settings.laspHyperparameters = try hyperparameters() }
        let workers = self.workers
        let result = try await DemoRunner(settings: settings, database: factory, logger: logger).run(
            say: { print($0) },
            follow: { ids, kinds, what, units in
                _ = try await CLIJobs.follow(ids: ids, kinds: kinds, what: what, expectedUnits: units, workers: workers,
                                             factory: factory, logger: logger)
            })
        let elapsed = Date().timeIntervalSince(started)
        let report = DemoReportText.render(result, settings: settings, seconds: elapsed)
        let reportFile = output.appendingPathComponent("report.txt")
        try report.write(to: reportFile, atomically: true, encoding: .utf8)
        let htmlFile = try await DemoReport.write(result: result, settings: settings, seconds: elapsed, database: factory)
        print("")
        print(report)
        print("report: \(reportFile.path)")
        print("html report: \(htmlFile.path)")
        let psql = source == .embedded ? "slam db psql --database \(Self.databaseName)" : "psql"
        print("\nNext, in `\(psql)`:")
        for statement in ExampleQueries.afterDemo(modelID: result.modelID) { print("  " + statement) }
    }
}
