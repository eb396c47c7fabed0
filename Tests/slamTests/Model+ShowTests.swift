@testable import slam
import Testing

/// `slam model show` (Model+Show.swift).
@Suite struct ModelShowTests {
    @Test func parsesTheModelAndLabelSet() throws {
        let show = try SLAMParsing.parse(["model", "show", "current", "--label-set", "lasp-dr5"], as: ModelCommand.Show.self)
        #expect(show.model == "current" && show.labelSet == "lasp-dr5")
        #expect(try SLAMParsing.parse(["model", "show", "7"], as: ModelCommand.Show.self).model == "7")
    }

    @Test func theModelIsRequired() {
        SLAMParsing.expectRejected(["model", "show"], saying: "Missing expected argument '<model>'")
    }
}
