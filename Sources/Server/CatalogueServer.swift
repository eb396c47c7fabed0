import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Store
import TAP

/// `slam serve`'s HTTP server: the TAP service under `/tap` (sync, async, VOSI, examples) and, when
/// given, the pages (search, star pages, the survey dashboard, the models) on one address, with the
/// reaper of expired async jobs and the dashboard's background summary, run until SIGINT/SIGTERM
/// (graceful: Hummingbird's service lifecycle lets running responses finish).
public struct CatalogueServer: Sendable {
    public var host: String
    public var port: Int
    public let tap: TapService
    /// The job tables' connections (a role granted `slam_operator`): async jobs, the queue.
    public let jobsDatabase: PostgresConnectionFactory
    public var asyncJobs: TapAsyncJobs
    /// The pages, served from `/` (nil: the TAP service alone).
    public let pages: CataloguePages?
    public let logger: Logger

    public init(host: String, port: Int, tap: TapService, jobsDatabase: PostgresConnectionFactory,
                asyncJobs: TapAsyncJobs = TapAsyncJobs(), pages: CataloguePages? = nil, logger: Logger) {
        self.host = host
        self.port = port
        self.tap = tap
        self.jobsDatabase = jobsDatabase
        self.asyncJobs = asyncJobs
        self.pages = pages
        self.logger = logger
    }

    /// Runs the server; `onListening` gets the bound port (useful with port 0) once it accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        TapRoutes(service: tap).add(to: router)
        TapAsyncRoutes(service: tap, jobsDatabase: jobsDatabase, jobs: asyncJobs).add(to: router)
        var services: [any Service] = [TapJobReaper(database: jobsDatabase, logger: logger)]
        if let pages {
            PageRoutes(pages: pages, logger: logger).add(to: router)
            services.append(pages.summary)
        }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "slam"),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await application.runService()
    }
}
