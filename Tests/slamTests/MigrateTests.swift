@testable import slam
import Testing

/// `slam migrate` (Migrate.swift).
@Suite struct MigrateTests {
    @Test func parsesTheMigrationsDirectory() throws {
        let migrate = try SLAMParsing.parse(["migrate", "--migrations", "/srv/slam/migrations", "--database-url", "postgres:///slam"],
                                            as: Migrate.self)
        #expect(migrate.migrations == "/srv/slam/migrations" && migrate.database.databaseURL == "postgres:///slam")
        #expect(try SLAMParsing.parse(["migrate"], as: Migrate.self).migrations == nil)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["migrate", "--migrations"], saying: "Missing value for '--migrations <migrations>'")
        SLAMParsing.expectRejected(["migrate", "up"], saying: "Unexpected argument 'up'")
    }
}
