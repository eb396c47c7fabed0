import CLibPQ
import Foundation
import Logging

/// One libpq connection (`PGconn *`), freed in `deinit`.
///
/// Every call blocks the calling thread until the server answers. The class is deliberately not
/// Sendable: create it on, and keep it to, one thread (a worker slot's `Thread`, or a
/// ``BlockingThread`` body); never call it from the Swift cooperative pool in a loop.
///
/// - Queries are parameterised (`$1`...), never built from user values; results are binary and
///   decoded with typed errors (``PostgresResult``).
/// - ``reconnect(policy:)`` restores a broken connection with backoff, re-issuing `LISTEN`s;
///   prepared statements are re-prepared on demand.
public final class PostgresConnection {
    /// The configuration this connection was opened with.
    public let configuration: PostgresConfiguration
    /// The logger for connection events.
    public let logger: Logger
    var handle: OpaquePointer
    /// Server-side prepared statements, keyed by name + parameter types.
    var preparedStatements: [String: String] = [:]
    /// Channels this connection listens on (restored after a reconnect).
    var listeningChannels: Set<String> = []

    /// Opens a connection, retrying with `retry`'s backoff while the server is unreachable.
    /// Throws ``PostgresError/connectionFailed(target:message:)`` (no password in the message).
    public init(configuration: PostgresConfiguration, retry: ReconnectPolicy = .never,
                logger: Logger = Logger(label: "slam.store")) throws(PostgresError) {
        self.configuration = configuration
        self.logger = logger
        var attempt = 1
        while true {
            let candidate = Self.open(configuration)
            if let candidate, PQstatus(candidate) == CONNECTION_OK {
                self.handle = candidate
                break
            }
            let message = Self.errorMessage(candidate, configuration: configuration)
            PQfinish(candidate)
            guard Self.isTransient(message), let delay = retry.delay(afterAttempt: attempt) else {
                throw .connectionFailed(target: configuration.redactedDescription, message: message)
            }
            logger.debug("connection attempt \(attempt) to \(configuration.redactedDescription) failed; retrying in \(delay) s")
            Thread.sleep(forTimeInterval: delay)
            attempt += 1
        }
        Self.silenceNotices(handle)
    }

    deinit { PQfinish(handle) }

    /// True while libpq considers the connection usable.
    public var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server backend's process id (for `pg_terminate_backend`, logs).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Re-establishes a broken connection (after a server restart or `pg_terminate_backend`),
    /// waiting between attempts per `policy`; re-issues `LISTEN` for every channel listened on.
    public func reconnect(policy: ReconnectPolicy = .standard) throws(PostgresError) {
        var attempt = 1
        while true {
            PQreset(handle)
            if PQstatus(handle) == CONNECTION_OK { break }
            guard let delay = policy.delay(afterAttempt: attempt) else {
                throw .connectionFailed(target: configuration.redactedDescription,
                                        message: Self.errorMessage(handle, configuration: configuration))
            }
            logger.info("reconnect attempt \(attempt) to \(configuration.redactedDescription) failed; retrying in \(delay) s")
            Thread.sleep(forTimeInterval: delay)
            attempt += 1
        }
        Self.silenceNotices(handle)
        preparedStatements.removeAll()
        let channels = listeningChannels
        listeningChannels.removeAll()
        for channel in channels { try listen(channel) }
        logger.info("reconnected to \(configuration.redactedDescription)")
    }

    static func open(_ configuration: PostgresConfiguration) -> OpaquePointer? {
        _ = OpenSSLExitCleanup.disabled
        let keywords = ["dbname", "application_name", "connect_timeout"]
        let values = [configuration.conninfo, configuration.applicationName, String(configuration.connectTimeoutSeconds)]
        let keywordPointers = keywords.map { strdup($0) } + [nil]
        let valuePointers = values.map { strdup($0) } + [nil]
        defer {
            keywordPointers.forEach { free($0) }
            valuePointers.forEach { free($0) }
        }
        return keywordPointers.withUnsafeBufferPointer { keys in
            valuePointers.withUnsafeBufferPointer { vals in
                keys.withMemoryRebound(to: UnsafePointer<CChar>?.self) { k in
                    vals.withMemoryRebound(to: UnsafePointer<CChar>?.self) { v in
                        PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
                    }
                }
            }
        }
    }

    /// Whether a connection failure may go away by waiting (server down or starting), as opposed
    /// to a permanent refusal (unknown database or role, bad password).
    static func isTransient(_ message: String) -> Bool {
        guard message.contains("FATAL") else { return true }
        return ["starting up", "shutting down", "recovery", "too many clients", "terminating connection"]
            .contains { message.contains($0) }
    }

    static func silenceNotices(_ handle: OpaquePointer) {
        _ = PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    /// libpq's last error message, trimmed, with any password from the conninfo scrubbed out.
    static func errorMessage(_ handle: OpaquePointer?, configuration: PostgresConfiguration) -> String {
        var message = handle.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "out of memory"
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if let password = PostgresConfiguration.parse(configuration.conninfo)?.first(where: { $0.key == "password" })?.value,
           !password.isEmpty {
            message = message.replacingOccurrences(of: password, with: "***")
        }
        return message
    }

    func lastErrorMessage() -> String { Self.errorMessage(handle, configuration: configuration) }
}
