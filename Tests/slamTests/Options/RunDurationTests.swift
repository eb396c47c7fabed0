@testable import slam
import Testing

/// Lengths of time on the command line, as batch schedulers write them.
@Suite struct RunDurationTests {
    @Test(arguments: [("5400", 5_400.0), ("90.5", 90.5), ("90m", 5_400), ("1h30m", 5_400), ("2d", 172_800),
                      ("1d2h3m4s", 93_784), ("45s", 45), ("0.5h", 1_800)])
    func accepted(text: String, seconds: Double) {
        #expect(RunDuration(argument: text)?.seconds == seconds)
    }

    @Test(arguments: ["", "0", "-5", "0m", "h", "5x", "1h1h", "10m5", "1 h", "inf", "nan"])
    func refused(text: String) {
        #expect(RunDuration(argument: text) == nil)
    }
}
