@testable import slam
import Testing

/// `slam crossmatch` (Crossmatch.swift).
@Suite struct CrossmatchTests {
    @Test func parsesItsOptions() throws {
        let crossmatch = try SLAMParsing.parse(["crossmatch", "--radius", "2.5", "--ambiguity", "0.5", "--release", "DR17", "--wait"],
                                               as: Crossmatch.self)
        #expect(crossmatch.radius == 2.5 && crossmatch.ambiguity == 0.5 && crossmatch.release == "DR17" && crossmatch.waiting.wait)
        let defaults = try SLAMParsing.parse(["crossmatch"], as: Crossmatch.self)
        #expect(defaults.radius == 3 && defaults.ambiguity == 1 && defaults.release == "DR15")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["crossmatch", "--radius", "0"], saying: "crossmatch radius 0.0 arcsec is not in (0, 60.0]")
        SLAMParsing.expectRejected(["crossmatch", "--radius", "61"], saying: "crossmatch radius 61.0 arcsec")
        SLAMParsing.expectRejected(["crossmatch", "--radius", "near"], saying: "The value 'near' is invalid for '--radius <radius>'")
    }
}
