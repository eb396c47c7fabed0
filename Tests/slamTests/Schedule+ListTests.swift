@testable import slam
import Testing

/// `slam schedule list` (Schedule+List.swift).
@Suite struct ScheduleListTests {
    @Test func parsesTheDatabase() throws {
        #expect(try SLAMParsing.parse(["schedule", "list", "--database-url", "postgres:///slam"], as: Schedule.List.self)
            .database.databaseURL == "postgres:///slam")
    }

    @Test func takesNoArguments() {
        SLAMParsing.expectRejected(["schedule", "list", "weekly"], saying: "Unexpected argument 'weekly'")
    }
}
