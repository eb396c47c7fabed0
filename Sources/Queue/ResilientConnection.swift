import Foundation
import Logging
import Store

/// A connection owned by one worker thread that reconnects with backoff when the server goes
/// away (restart, `pg_terminate_backend`), until the worker stops. Not Sendable: one thread only.
final class ResilientConnection {
    let factory: PostgresConnectionFactory
    let signal: WorkerSignal
    let logger: Logger
    let role: String
    private var connection: PostgresConnection?

    init(factory: PostgresConnectionFactory, signal: WorkerSignal, logger: Logger, role: String) {
        self.factory = factory
        self.signal = signal
        self.logger = logger
        self.role = role
    }

    /// Runs `body` on a live connection. On a connection problem it reconnects (backoff from
    /// 0.1 s to 5 s, interrupted by stop) and runs `body` again; `body` must therefore be safe to
    /// repeat (every queue write is guarded, so repeating one is harmless). Returns nil if the
    /// worker stopped first; other errors are rethrown.
    func perform<T>(stopAware: Bool = true, _ body: (PostgresConnection) throws -> T) throws -> T? {
        var attempt = 0
        let policy = ReconnectPolicy(initialDelaySeconds: 0.1, maximumDelaySeconds: 5, maximumAttempts: nil)
        while true {
            if stopAware && signal.isStopping && connection == nil { return nil }
            do {
                let live = try liveConnection()
                return try body(live)
            } catch let error as PostgresError where error.isConnectionProblem {
                attempt += 1
                connection = nil
                let delay = policy.delay(afterAttempt: attempt) ?? 5
                logger.warning("\(role): database connection problem (\(error)); reconnecting in \(delay) s")
                if stopAware {
                    signal.wait(seconds: delay)
                    if signal.isStopping { return nil }
                } else {
                    Thread.sleep(forTimeInterval: delay)
                    if attempt > 20 { throw error }
                }
            }
        }
    }

    private func liveConnection() throws(PostgresError) -> PostgresConnection {
        if let connection, connection.isConnected { return connection }
        let fresh = try PostgresConnection(configuration: factory.configuration, retry: .never, logger: logger)
        connection = fresh
        return fresh
    }

    /// The connection, opening it if needed (for LISTEN setup).
    func current() throws(PostgresError) -> PostgresConnection { try liveConnection() }

    /// Drops the connection (e.g. after the listener saw it break).
    func drop() { connection = nil }
}
