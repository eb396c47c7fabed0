import ArgumentParser
import Store

/// `slam migrate`: applies `migrations/NNNN_*.sql` in order (see `MigrationRunner`).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending SQL migrations, each in a transaction; refuses if an applied file changed.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "Migrations directory (default: SLAM_MIGRATIONS_DIR, else migrations/ of the checkout).")
    var migrations: String?

    func run() async throws {
        let logger = logging.makeLogger("slam.migrate")
        let directory = try Migration.locateDirectory(explicit: migrations)
        let runner = MigrationRunner(migrations: try Migration.load(from: directory), logger: logger)
        let factory = try database.factory(logger: logger)
        let report = try await factory.withConnection { connection in try runner.migrate(connection) }
        print("migrations: \(report.applied.count) applied, \(report.alreadyApplied) already applied (\(directory.path))")
    }
}
