import Catalogue
import Logging
import ServiceLifecycle
import Store

/// Deletes asynchronous TAP jobs, with their results, once their destruction time has passed (UWS
/// destruction): every `intervalSeconds` while the server runs, and once at start.
public struct TapJobReaper: Service {
    public let database: PostgresConnectionFactory
    public let intervalSeconds: Double
    public let logger: Logger

    public init(database: PostgresConnectionFactory, intervalSeconds: Double = 60, logger: Logger) {
        self.database = database
        self.intervalSeconds = intervalSeconds
        self.logger = logger
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let deleted = try await database.withConnection { db in try TapJobQueries.deleteExpired(db: db) }
                    if deleted > 0 { logger.info("deleted \(deleted) expired TAP jobs and their results") }
                } catch {
                    logger.warning("could not delete expired TAP jobs: \(error)")
                }
                try? await Task.sleep(for: .seconds(intervalSeconds))
            }
        }
    }
}
