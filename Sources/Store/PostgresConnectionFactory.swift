import Logging

/// Makes connections to one database: a Sendable value to hand to threads, handlers and tests.
public struct PostgresConnectionFactory: Sendable, CustomStringConvertible {
    /// Where to connect.
    public var configuration: PostgresConfiguration
    /// Backoff while the server is unreachable when connecting.
    public var retry: ReconnectPolicy
    /// Logger given to each connection.
    public var logger: Logger

    /// A factory for `configuration`; `retry` applies to each connect.
    public init(configuration: PostgresConfiguration, retry: ReconnectPolicy = .never, logger: Logger = Logger(label: "slam.store")) {
        self.configuration = configuration
        self.retry = retry
        self.logger = logger
    }

    /// Opens a new connection (blocking; call it off the cooperative pool). The caller owns it.
    public func connect() throws(PostgresError) -> PostgresConnection {
        try PostgresConnection(configuration: configuration, retry: retry, logger: logger)
    }

    /// Opens a connection on a dedicated thread, runs `body` with it there, and closes it.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let factory = self
        return try await BlockingThread.run(name: "slam-db") {
            let connection = try factory.connect()
            return try body(connection)
        }
    }

    public var description: String { configuration.redactedDescription }
}
