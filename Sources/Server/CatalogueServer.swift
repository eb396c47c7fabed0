import Hummingbird
import Logging
import NIOCore
import TAP

/// `slam serve`'s HTTP server: the TAP service under `/tap` on one address, run until SIGINT/SIGTERM
/// (graceful: Hummingbird's service lifecycle lets running responses finish).
public struct CatalogueServer: Sendable {
    public var host: String
    public var port: Int
    public let tap: TapService
    public let logger: Logger

    public init(host: String, port: Int, tap: TapService, logger: Logger) {
        self.host = host
        self.port = port
        self.tap = tap
        self.logger = logger
    }

    /// Runs the server; `onListening` gets the bound port (useful with port 0) once it accepts connections.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router()
        TapRoutes(service: tap).add(to: router)
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "slam"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await application.runService()
    }
}
