@testable import slam
import Testing

/// `slam schedule remove` (Schedule+Remove.swift).
@Suite struct ScheduleRemoveTests {
    @Test func parsesTheName() throws {
        #expect(try SLAMParsing.parse(["schedule", "remove", "weekly-retrain"], as: Schedule.Remove.self).name == "weekly-retrain")
    }

    @Test func theNameIsRequired() {
        SLAMParsing.expectRejected(["schedule", "remove"], saying: "Missing expected argument '<name>'")
    }
}
