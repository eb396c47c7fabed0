@testable import slam
import Testing

/// `slam model promote` (Model+Promote.swift).
@Suite struct ModelPromoteTests {
    @Test func parsesTheModelID() throws {
        #expect(try SLAMParsing.parse(["model", "promote", "12"], as: ModelCommand.Promote.self).target.model == 12)
    }

    @Test func theModelIsANumber() {
        SLAMParsing.expectRejected(["model", "promote"], saying: "Missing expected argument '<model>'")
        SLAMParsing.expectRejected(["model", "promote", "current"], saying: "The value 'current' is invalid for '<model>'")
    }
}
