@testable import slam
import Testing

/// `slam db psql` (DB+Psql.swift): its own options, then everything else goes to psql.
@Suite struct DBPsqlTests {
    @Test func parsesTheDatabaseAndPassesTheRestToPsql() throws {
        let psql = try SLAMParsing.parse(["db", "psql", "--database", "slam_demo", "--", "-c", "SELECT 1"], as: DB.Psql.self)
        #expect(psql.database == "slam_demo")
        #expect(psql.arguments.filter { $0 != "--" } == ["-c", "SELECT 1"])
        let bare = try SLAMParsing.parse(["db", "psql"], as: DB.Psql.self)
        #expect(bare.database == nil && bare.arguments.isEmpty)
    }

    /// Options it does not know are psql's (`slam db psql -x` is psql's expanded output).
    @Test func unknownOptionsArePsqls() throws {
        let psql = try SLAMParsing.parse(["db", "psql", "-x", "--csv"], as: DB.Psql.self)
        #expect(psql.arguments == ["-x", "--csv"])
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["db", "psql", "--database"], saying: "Missing value for '--database <database>'")
    }
}
