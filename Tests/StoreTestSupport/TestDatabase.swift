import Foundation
import Logging
import Store

/// A fresh, migrated PostgreSQL database for one test, on a real server.
///
/// ```swift
/// try await TestDatabase.withFresh { db in
///     try await db.withConnection { connection in try connection.execute("...") }
/// }
/// ```
///
/// The server is `SLAM_TEST_DATABASE_URL` (any database on it; the role must be allowed to
/// create databases) or else the project's embedded server (`.slam/pg` of the checkout found by
/// walking up from the test file, started on demand with fsync off if it is not running).
/// There is no skipping: no server is a test failure.
///
/// Each database is `CREATE DATABASE t_<random> TEMPLATE slam_test_template`; the template is
/// migrated once per test process (under an advisory lock) and rebuilt when the migrations'
/// combined checksum changes (stored as the template's comment). The database is dropped
/// (`WITH (FORCE)`) after `body`, also when it throws.
public struct TestDatabase: Sendable {
    /// The database's name (`t_` + 16 hex digits).
    public let name: String
    /// Connection settings for it.
    public let configuration: PostgresConfiguration
    /// Settings of the server's admin database (for cross-database checks).
    public let adminConfiguration: PostgresConfiguration

    /// The connection URL/conninfo of the test database.
    public var url: String { configuration.conninfo }

    /// A factory for connections to the test database (no retries: a failure shows at once).
    public var factory: PostgresConnectionFactory {
        PostgresConnectionFactory(configuration: configuration, logger: Logger(label: "slam.test"))
    }

    /// Opens a connection on a dedicated thread, runs `body` with it, closes it.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await factory.withConnection(body)
    }

    /// Creates a fresh database (migrated unless `migrated` is false), runs `body`, drops it.
    /// `filePath` locates the checkout (leave the default).
    public static func withFresh<T: Sendable>(migrated: Bool = true, filePath: String = #filePath,
                                              _ body: @Sendable (TestDatabase) async throws -> T) async throws -> T {
        let server = try await TestServer.shared(filePath: filePath)
        let database = try await server.createDatabase(migrated: migrated)
        do {
            let result = try await body(database)
            try await server.dropDatabase(database.name)
            return result
        } catch {
            try? await server.dropDatabase(database.name)
            throw error
        }
    }

    /// The migrations directory the template is built from.
    public static func migrationsDirectory(filePath: String = #filePath) throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["SLAM_MIGRATIONS_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        guard let root = ProjectLocator.projectRoot(from: URL(fileURLWithPath: filePath)) else {
            throw TestDatabaseError.checkoutNotFound(filePath)
        }
        return root.appendingPathComponent("migrations")
    }
}

/// Why a test database could not be provided.
public enum TestDatabaseError: Error, CustomStringConvertible {
    case checkoutNotFound(String)
    case template(String)

    public var description: String {
        switch self {
        case let .checkoutNotFound(path): return "no checkout (Package.swift + migrations/) above \(path)"
        case let .template(reason): return "cannot build slam_test_template: \(reason)"
        }
    }
}
