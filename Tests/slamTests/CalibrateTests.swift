@testable import slam
import Testing

/// `slam calibrate` (Calibrate.swift).
@Suite struct CalibrateTests {
    @Test func parsesTheModelAndWaiting() throws {
        let calibrate = try SLAMParsing.parse(["calibrate", "--model", "3", "--label-set", "apogee-dr15", "--work", "2", "--timeout", "600"],
                                              as: Calibrate.self)
        #expect(calibrate.model == "3" && calibrate.labelSet == "apogee-dr15")
        #expect(calibrate.waiting.work == 2 && calibrate.waiting.timeout == 600)
        let defaults = try SLAMParsing.parse(["calibrate"], as: Calibrate.self)
        #expect(defaults.model == "current" && defaults.labelSet == nil && !defaults.waiting.wait && defaults.waiting.work == 0)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["calibrate", "--model"], saying: "Missing value for '--model <model>'")
        SLAMParsing.expectRejected(["calibrate", "--work", "-1"], saying: "--work")
        SLAMParsing.expectRejected(["calibrate", "--wait", "--timeout", "nan"], saying: "--timeout must be a positive number of seconds")
    }
}
