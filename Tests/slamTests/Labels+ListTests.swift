@testable import slam
import Testing

/// `slam labels list` (Labels+List.swift).
@Suite struct LabelsListTests {
    @Test func parsesTheDatabaseAndLogging() throws {
        let list = try SLAMParsing.parse(["labels", "list", "--database-url", "postgres:///slam", "--log-level", "warning"], as: Labels.List.self)
        #expect(list.database.databaseURL == "postgres:///slam" && list.logging.logLevel == "warning")
    }

    @Test func takesNoArguments() {
        SLAMParsing.expectRejected(["labels", "list", "apogee"], saying: "Unexpected argument 'apogee'")
        SLAMParsing.expectRejected(["labels", "list", "--log-level"], saying: "Missing value for '--log-level <log-level>'")
    }
}
