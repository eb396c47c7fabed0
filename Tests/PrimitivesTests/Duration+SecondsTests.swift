import Primitives
import Testing

/// `Duration.seconds`: whole and fractional parts combined into one `Double`.
@Suite struct DurationSecondsTests {
    @Test func wholeAndFractionalSecondsAreAdded() {
        #expect(Duration.seconds(3).seconds == 3)
        #expect(Duration.milliseconds(1500).seconds == 1.5)
        #expect(Duration.microseconds(250).seconds == 0.000_25)
        #expect(Duration.zero.seconds == 0)
    }

    @Test func negativeDurationsAreNegativeSeconds() {
        #expect(Duration.milliseconds(-2500).seconds == -2.5)
        #expect((Duration.seconds(1) - .milliseconds(1250)).seconds == -0.25)
    }

    @Test func oneAttosecondSurvivesBesideWholeSeconds() {
        let d = Duration(secondsComponent: 0, attosecondsComponent: 1)
        #expect(d.seconds == 1e-18)
        #expect(Duration(secondsComponent: 7, attosecondsComponent: 500_000_000_000_000_000).seconds == 7.5)
    }
}
