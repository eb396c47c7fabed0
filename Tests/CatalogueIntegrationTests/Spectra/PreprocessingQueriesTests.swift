import Catalogue
import Store
import StoreTestSupport
import Testing

@Suite("Preprocessing queries")
struct PreprocessingQueriesTests {
    @Test func ensureCreatesAVersionOnceAndTheLatestIsFound() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                #expect(try PreprocessingQueries.latestID(db: db) == nil)
                #expect(try PreprocessingQueries.id(version: "v1", db: db) == nil)
                let first = try PreprocessingQueries.ensure(version: "v1", settings: JSONB("{}"), gridStart: 3.6, gridStep: 1e-4,
                                                            pixels: 10, db: db)
                let again = try PreprocessingQueries.ensure(version: "v1", settings: JSONB("{}"), gridStart: 3.6, gridStep: 1e-4,
                                                            pixels: 10, db: db)
                #expect(first == again)
                let second = try PreprocessingQueries.ensure(version: "v2", settings: JSONB("{}"), gridStart: 3.6, gridStep: 1e-4,
                                                             pixels: 10, db: db)
                #expect(try PreprocessingQueries.id(version: "v1", db: db) == first)
                #expect(try PreprocessingQueries.latestID(db: db) == second)
            }
        }
    }
}
