@testable import slam
import Testing

/// `slam model purge` (Model+Purge.swift).
@Suite struct ModelPurgeTests {
    @Test func parsesTheModelID() throws {
        #expect(try SLAMParsing.parse(["model", "purge", "7"], as: ModelCommand.Purge.self).target.model == 7)
    }

    @Test func theModelIsANumber() {
        SLAMParsing.expectRejected(["model", "purge"], saying: "Missing expected argument '<model>'")
        SLAMParsing.expectRejected(["model", "purge", "old"], saying: "The value 'old' is invalid for '<model>'")
    }
}
