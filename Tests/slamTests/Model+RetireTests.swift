@testable import slam
import Testing

/// `slam model retire` (Model+Retire.swift).
@Suite struct ModelRetireTests {
    @Test func parsesTheModelID() throws {
        #expect(try SLAMParsing.parse(["model", "retire", "3"], as: ModelCommand.Retire.self).target.model == 3)
    }

    @Test func theModelIsANumber() {
        SLAMParsing.expectRejected(["model", "retire"], saying: "Missing expected argument '<model>'")
        SLAMParsing.expectRejected(["model", "retire", "x"], saying: "The value 'x' is invalid for '<model>'")
    }
}
