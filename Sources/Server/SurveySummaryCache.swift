import Foundation
import Logging
import Pages
import Primitives
import ServiceLifecycle
import Store

/// The survey dashboard's summary, recomputed in the background every `refreshSeconds` while the server
/// runs (its counts and density bins scan whole tables): a request is answered from the last summary
/// and never waits for one, but the first after start.
public final class SurveySummaryCache: Service, Sendable {
    public let database: PostgresConnectionFactory
    public let refreshSeconds: Double
    public let logger: Logger
    private let latest = LockedValue<SurveySummary?>(nil)

    public init(database: PostgresConnectionFactory, refreshSeconds: Double = 60, logger: Logger) {
        self.database = database
        self.refreshSeconds = refreshSeconds
        self.logger = logger
    }

    /// The last summary, or one computed now when there is none yet.
    public func summary() async throws -> SurveySummary {
        if let summary = latest.withLock({ $0 }) { return summary }
        return try await refresh()
    }

    /// Computes the summary now and keeps it.
    @discardableResult
    public func refresh() async throws -> SurveySummary {
        let summary = try await database.withConnection { db in try SurveySummary.load(db: db) }
        latest.withLock { $0 = summary }
        return summary
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let summary = try await self.refresh()
                    self.logger.debug("survey summary refreshed in \(String(format: "%.3f", summary.seconds)) s")
                } catch {
                    self.logger.warning("could not refresh the survey summary: \(error)")
                }
                try? await Task.sleep(for: .seconds(self.refreshSeconds))
            }
        }
    }
}
