import Store
import StoreTestSupport
import Testing

@Suite("Databases made afresh")
struct DatabaseLifecycleTests {
    @Test func aDatabaseIsRecreatedEmptyAndDroppedEvenWithAnOddName() async throws {
        try await TestDatabase.withFresh(migrated: false) { db in
            try await db.withConnection { connection in
                let name = "t_odd \"name\" " + String(UInt32.random(in: 0...UInt32.max))
                try connection.recreateDatabase(name)
                try connection.recreateDatabase(name)
                let exists = { () throws(PostgresError) -> Bool in
                    try connection.query("SELECT count(*) FROM pg_database WHERE datname = \(name)").first?.decode(Int.self, at: 0) == 1
                }
                #expect(try exists())
                try connection.dropDatabase(name)
                #expect(try !exists())
                #expect(try connection.serverVersion().hasPrefix("15"))
            }
        }
    }
}
