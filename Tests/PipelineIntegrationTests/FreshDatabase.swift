import Foundation
import Store
import StoreTestSupport

/// A fresh, migrated database per test (see `StoreTestSupport.TestDatabase`), with one connection.
enum FreshDatabase {
    static func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await TestDatabase.withFresh { db in try await db.withConnection(body) }
    }
}
