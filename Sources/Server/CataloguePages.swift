import Logging
import Pipeline
import Store

/// What the pages need to run: connections as a read-only role (`slam_reader`), the models decoded
/// once per process for fits computed on the fly, and the dashboard's background summary.
public struct CataloguePages: Sendable {
    /// Connections as a login role granted `slam_reader` (docs/roles.md): the pages write nothing.
    public let database: PostgresConnectionFactory
    public let models: ModelStore
    public let summary: SurveySummaryCache

    public init(database: PostgresConnectionFactory, models: ModelStore = ModelStore(), summaryRefreshSeconds: Double = 60, logger: Logger) {
        self.database = database
        self.models = models
        summary = SurveySummaryCache(database: database, refreshSeconds: summaryRefreshSeconds, logger: logger)
    }
}
