@testable import slam
import Testing

/// `slam show` (Show.swift).
@Suite struct ShowTests {
    @Test func parsesTheObsidModelAndOutput() throws {
        let show = try SLAMParsing.parse(["show", "123456", "--model", "4", "--out", "fit.png"], as: Show.self)
        #expect(show.obsid == 123_456 && show.model == 4 && show.out == "fit.png")
        let defaults = try SLAMParsing.parse(["show", "1"], as: Show.self)
        #expect(defaults.model == nil && defaults.out == nil)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["show"], saying: "Missing expected argument '<obsid>'")
        SLAMParsing.expectRejected(["show", "x"], saying: "The value 'x' is invalid for '<obsid>'")
        SLAMParsing.expectRejected(["show", "5", "--out", "fit.pdf"], saying: "--out must end in .svg or .png")
        SLAMParsing.expectRejected(["show", "5", "--model", "current"], saying: "The value 'current' is invalid for '--model <model>'")
    }
}
