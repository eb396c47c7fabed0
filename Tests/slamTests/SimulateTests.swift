@testable import slam
import Testing

/// `slam simulate` (Simulate.swift).
@Suite struct SimulateTests {
    @Test func parsesItsOptions() throws {
        let simulate = try SLAMParsing.parse(["simulate", "--out", "/tmp/survey", "--stars", "200", "--seed", "5", "--population", "giants",
                                              "--snr-range", "20:200", "--apogee-fraction", "0.5", "--repeat-fraction", "0.2",
                                              "--no-lasp", "--workers", "2"], as: Simulate.self)
        #expect(simulate.out == "/tmp/survey" && simulate.stars == 200 && simulate.seed == 5)
        #expect(simulate.population == .giants && simulate.snrRange == "20:200" && Simulate.parseRange(simulate.snrRange) == 20...200)
        #expect(simulate.apogeeFraction == 0.5 && simulate.repeatFraction == 0.2 && simulate.noLASP && simulate.workers == 2)
        #expect(!simulate.plots)
        let defaults = try SLAMParsing.parse(["simulate", "--out", "x"], as: Simulate.self)
        #expect(defaults.stars == 1000 && defaults.population == .mixed && defaults.snrRange == "10:300" && defaults.workers == nil)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["simulate"], saying: "Missing expected argument '--out <out>'")
        SLAMParsing.expectRejected(["simulate", "--out", "x", "--stars", "0"], saying: "--stars must be 1 ... 10000000")
        SLAMParsing.expectRejected(["simulate", "--out", "x", "--snr-range", "5"], saying: "--snr-range must be LOW:HIGH", "got '5'")
        SLAMParsing.expectRejected(["simulate", "--out", "x", "--snr-range", "300:10"], saying: "--snr-range must be LOW:HIGH")
        SLAMParsing.expectRejected(["simulate", "--out", "x", "--population", "giant"],
                                   saying: "The value 'giant' is invalid for '--population <population>'", "'giants', 'dwarfs' or 'mixed'")
        SLAMParsing.expectRejected(["simulate", "--out", "x", "--apogee-fraction", "1.5"], saying: "--apogee-fraction must be 0 ... 1")
        SLAMParsing.expectRejected(["simulate", "--out", "x", "--repeat-fraction", "-0.1"], saying: "--repeat-fraction")
        SLAMParsing.expectRejected(["simulate", "--out", "x", "--workers", "0"], saying: "--workers must be at least 1")
    }
}
