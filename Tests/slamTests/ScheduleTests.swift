@testable import slam
import Testing

/// `slam schedule` (Schedule.swift): routes to add, list and remove; alone it shows its help.
@Suite struct ScheduleTests {
    @Test func eachActionHasItsSubcommand() throws {
        _ = try SLAMParsing.parse(["schedule", "list"], as: Schedule.List.self)
        _ = try SLAMParsing.parse(["schedule", "remove", "nightly-ingest"], as: Schedule.Remove.self)
    }

    @Test func aloneItListsTheActions() throws {
        try SLAMParsing.expectHelp(["schedule"], listing: "add", "list", "remove")
    }

    @Test func anUnknownActionIsRefused() {
        SLAMParsing.expectRejected(["schedule", "pause", "nightly-ingest"], saying: "2 unexpected arguments: 'pause', 'nightly-ingest'")
    }
}
