@testable import slam
import Testing

/// `slam jobs retry` (Jobs+Retry.swift).
@Suite struct JobsRetryTests {
    @Test func parsesTheJobID() throws {
        #expect(try SLAMParsing.parse(["jobs", "retry", "42", "--database-url", "postgres:///slam"], as: Jobs.Retry.self).target.id == 42)
    }

    @Test func theJobIDIsARequiredNumber() {
        SLAMParsing.expectRejected(["jobs", "retry"], saying: "Missing expected argument '<id>'")
        SLAMParsing.expectRejected(["jobs", "retry", "x"], saying: "The value 'x' is invalid for '<id>'")
    }
}
