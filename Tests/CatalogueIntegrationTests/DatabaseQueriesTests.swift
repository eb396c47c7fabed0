import Catalogue
import Foundation
import Store
import StoreTestSupport
import Testing

/// Whole databases by name (the demo's own database on the embedded server): the name is quoted, never pasted.
@Suite("Database queries")
struct DatabaseQueriesTests {
    @Test func aDatabaseIsCreatedAndDroppedByName() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let name = "slam report \"test\" \(ProcessInfo.processInfo.processIdentifier)"
                try DatabaseQueries.drop(database: name, db: db)
                try DatabaseQueries.create(database: name, db: db)
                #expect(try db.query("SELECT count(*) FROM pg_database WHERE datname = \(name)").first?.decode(Int.self, at: 0) == 1)
                try DatabaseQueries.drop(database: name, db: db)
                #expect(try db.query("SELECT count(*) FROM pg_database WHERE datname = \(name)").first?.decode(Int.self, at: 0) == 0)
            }
        }
    }
}
