import Foundation
import Store

/// Provisional: a fresh migrated database per test on SLAM_TEST_DATABASE_URL (to be replaced by StoreTestSupport).
enum FreshDatabase {
    static func run<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        guard let url = ProcessInfo.processInfo.environment["SLAM_TEST_DATABASE_URL"] else {
            throw PostgresError.protocolViolation("SLAM_TEST_DATABASE_URL is not set")
        }
        let admin = try PostgresConnection(configuration: PostgresConfiguration(url))
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try admin.executeScript("CREATE DATABASE \(name)", name: "create")
        defer { try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", name: "drop") }
        let db = try PostgresConnection(configuration: PostgresConfiguration(url).withDatabase(String(name)))
        let migrations = try Migration.load(from: TestPaths.repository.appendingPathComponent("migrations"))
        _ = try MigrationRunner(migrations: migrations).migrate(db)
        return try body(db)
    }
}
