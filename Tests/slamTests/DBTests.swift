@testable import slam
import Testing

/// `slam db` (DB.swift): routes to start, stop, status, url and psql; alone it shows its help.
@Suite struct DBTests {
    @Test func eachActionHasItsSubcommand() throws {
        _ = try SLAMParsing.parse(["db", "start"], as: DB.Start.self)
        _ = try SLAMParsing.parse(["db", "stop"], as: DB.Stop.self)
        _ = try SLAMParsing.parse(["db", "status"], as: DB.Status.self)
        _ = try SLAMParsing.parse(["db", "url"], as: DB.URLCommand.self)
        _ = try SLAMParsing.parse(["db", "psql"], as: DB.Psql.self)
    }

    @Test func aloneItListsTheActions() throws {
        try SLAMParsing.expectHelp(["db"], listing: "start", "stop", "status", "url", "psql")
    }

    @Test func anUnknownActionIsRefused() {
        SLAMParsing.expectRejected(["db", "restart"], saying: "Unexpected argument 'restart'")
    }
}
