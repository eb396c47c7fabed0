@testable import slam
import Testing

/// `slam demo` (Demo.swift).
@Suite struct DemoTests {
    @Test func parsesItsOptions() throws {
        let demo = try SLAMParsing.parse(["demo", "--stars", "500", "--seed", "3", "--out", "/tmp/r", "--grid", "fixed", "--folds", "4",
                                          "--workers", "3", "--skip-lasp", "--skip-balance"], as: Demo.self)
        #expect(demo.stars == 500 && demo.seed == 3 && demo.out == "/tmp/r" && demo.folds == 4 && demo.workers == 3)
        #expect(demo.skipLASP && demo.skipBalance)
        #expect(try demo.hyperparameters() == .fixed(c: 4, epsilon: 0.05, gamma: 0.1))
        let defaults = try SLAMParsing.parse(["demo"], as: Demo.self)
        #expect(defaults.stars == 6000 && defaults.grid == "demo" && defaults.out == "report" && !defaults.skipLASP)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["demo", "--stars", "10"], saying: "--stars must be 50...1000000")
        SLAMParsing.expectRejected(["demo", "--folds", "1"], saying: "--folds must be 2...20")
        SLAMParsing.expectRejected(["demo", "--workers", "0"], saying: "--workers must be 1...64")
        SLAMParsing.expectRejected(["demo", "--grid", "coarse"], saying: "expected 'default', 'fixed' or 'fixed:C,EPSILON,GAMMA'")
    }
}
