@testable import slam
import Testing

/// `slam jobs cancel` (Jobs+Cancel.swift).
@Suite struct JobsCancelTests {
    @Test func parsesTheJobID() throws {
        #expect(try SLAMParsing.parse(["jobs", "cancel", "42", "--database-url", "postgres:///slam"], as: Jobs.Cancel.self).target.id == 42)
    }

    @Test func theJobIDIsARequiredNumber() {
        SLAMParsing.expectRejected(["jobs", "cancel"], saying: "Missing expected argument '<id>'")
        SLAMParsing.expectRejected(["jobs", "cancel", "x"], saying: "The value 'x' is invalid for '<id>'")
    }
}
