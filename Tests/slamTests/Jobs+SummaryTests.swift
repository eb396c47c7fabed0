@testable import slam
import Testing

/// `slam jobs summary` (Jobs+Summary.swift).
@Suite struct JobsSummaryTests {
    @Test func parsesTheDatabaseAndLogging() throws {
        let summary = try SLAMParsing.parse(["jobs", "summary", "--log-level", "trace"], as: Jobs.Summary.self)
        #expect(summary.logging.logLevel == "trace" && summary.database.databaseURL == nil)
    }

    @Test func takesNoArguments() {
        SLAMParsing.expectRejected(["jobs", "summary", "predict"], saying: "Unexpected argument 'predict'")
    }
}
