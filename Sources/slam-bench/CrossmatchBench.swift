import ArgumentParser
import Catalogue
import Foundation
import Logging
import Pipeline
import Primitives
import Store

/// `slam-bench crossmatch`: one crossmatch run of a synthetic catalogue of positions (default 1,000,000
/// LAMOST spectra against 300,000 APOGEE stars, 20% of the spectra within 0.5 arcsec of an APOGEE star)
/// in a database made afresh (`slam_bench_crossmatch`, dropped and recreated on the resolved server).
/// Prints the wall time of `CrossmatchRunner.run`, the counts, and `EXPLAIN (ANALYZE, BUFFERS)` of the
/// pair-insert statement (rolled back). Asserts nothing.
struct CrossmatchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossmatch",
        abstract: "Crossmatch of a synthetic position catalogue: one set-based q3c query plan.")

    @Option(help: "LAMOST spectra (rows of lamost_spectrum).") var lamost = 1_000_000
    @Option(help: "APOGEE stars (rows of apogee_star).") var apogee = 300_000
    @Option(help: "Fraction of LAMOST spectra placed within 0.5 arcsec of an APOGEE star.") var matchedFraction = 0.2
    @Option(help: "Match radius, arcsec.") var radius = 3.0
    @Option(help: "Seed of the positions, in [-1, 1] (PostgreSQL setseed).") var seed = 0.42
    @Flag(help: "Skip EXPLAIN ANALYZE (it runs the insert a second time, rolled back).") var noExplain = false
    @Flag(help: "Keep the database afterwards (for inspection with psql).") var keep = false
    @Option(name: .customLong("database-url"),
            help: "URL of a server where the bench may create its database (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    static let databaseName = "slam_bench_crossmatch"

    func validate() throws {
        guard lamost > 0, apogee > 0 else { throw ValidationError("--lamost and --apogee must be positive") }
        guard (0...1).contains(matchedFraction) else { throw ValidationError("--matched-fraction must be in [0, 1]") }
        guard (-1...1).contains(seed) else { throw ValidationError("--seed must be in [-1, 1]") }
    }

    func run() async throws {
        var logger = Logger(label: "slam.bench.crossmatch")
        logger.logLevel = .warning
        let (resolved, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let admin = try PostgresConnection(configuration: resolved, logger: logger)
        try admin.recreateDatabase(Self.databaseName)
        let db = try PostgresConnection(configuration: resolved.withDatabase(Self.databaseName), logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        _ = try MigrationRunner(migrations: migrations, logger: logger).migrate(db)
        let version = try db.serverVersion()
        print("slam-bench crossmatch: \(lamost) LAMOST x \(apogee) APOGEE positions, \(Int(matchedFraction * 100))% within 0.5\", radius \(radius)\"")
        print("  database \(Self.databaseName) on \(source.rawValue), PostgreSQL \(version), \(ProcessInfo.processInfo.activeProcessorCount) cores")

        let clock = ContinuousClock()
        var start = clock.now
        try fill(db)
        print(String(format: "  fill + ANALYZE: %.1f s", (clock.now - start).seconds))

        let parameters = CrossmatchParameters(radiusArcsec: radius)
        start = clock.now
        let summary = try CrossmatchRunner().run(parameters, connection: db)
        let wall = (clock.now - start).seconds
        print(String(format: "  crossmatch run %d: %.2f s wall  ->  %.0f LAMOST rows/s", summary.runID, wall, Double(lamost) / wall))
        print("  considered \(summary.lamostCount), matched \(summary.matchedCount), ambiguous \(summary.ambiguousCount), "
              + "APOGEE stars matched more than once \(summary.repeatedStarCount)")
        if !noExplain {
            print("\nEXPLAIN (ANALYZE, BUFFERS) of the pair insert (rolled back):")
            print(try CrossmatchRunner().explain(parameters, connection: db))
        }
        if !keep {
            try admin.dropDatabase(Self.databaseName)
        }
    }

    /// Fills both tables in SQL: APOGEE stars uniform in area over dec -10...80 degrees; every
    /// (1 / matchedFraction)-th LAMOST spectrum within 0.5 arcsec of one (distinct while they last),
    /// the others uniform over the same footprint. Only the NOT NULL columns get (dummy) values.
    func fill(_ db: PostgresConnection) throws {
        try SyntheticSkyQueries.seed(seed, db: db)
        try SyntheticSkyQueries.fillApogee(count: apogee, db: db)
        let every = matchedFraction > 0 ? max(1, Int((1 / matchedFraction).rounded())) : 0
        try SyntheticSkyQueries.fillLamost(count: lamost, matchedEvery: every, apogeeCount: apogee, db: db)
    }

}
