@testable import slam
import Testing

/// `slam jobs show` (Jobs+Show.swift).
@Suite struct JobsShowTests {
    @Test func parsesTheJobID() throws {
        #expect(try SLAMParsing.parse(["jobs", "show", "42", "--database-url", "postgres:///slam"], as: Jobs.Show.self).target.id == 42)
    }

    @Test func theJobIDIsARequiredNumber() {
        SLAMParsing.expectRejected(["jobs", "show"], saying: "Missing expected argument '<id>'")
        SLAMParsing.expectRejected(["jobs", "show", "x"], saying: "The value 'x' is invalid for '<id>'")
    }
}
