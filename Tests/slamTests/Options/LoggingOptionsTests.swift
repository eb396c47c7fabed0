import Logging
@testable import slam
import Testing

/// `--log-level`: the option, else `SLAM_LOG_LEVEL`, else info; a level that does not exist is refused.
@Suite struct LoggingOptionsTests {
    @Test func theOptionSetsTheLevelWhateverItsCase() throws {
        let logger = try LoggingOptions.parse(["--log-level", "DEBUG"]).makeLogger("slam.test", environment: ["SLAM_LOG_LEVEL": "error"])
        #expect(logger.logLevel == .debug)
        #expect(logger.label == "slam.test")
    }

    @Test func withoutTheOptionSLAM_LOG_LEVELThenInfo() throws {
        let options = try LoggingOptions.parse([])
        #expect(options.makeLogger("slam.test", environment: ["SLAM_LOG_LEVEL": "Trace"]).logLevel == .trace)
        #expect(options.makeLogger("slam.test", environment: [:]).logLevel == .info)
        // The variable is not checked at parse time: an unknown level there means info.
        #expect(options.makeLogger("slam.test", environment: ["SLAM_LOG_LEVEL": "loud"]).logLevel == .info)
    }

    @Test func everyLevelIsAccepted() throws {
        for name in ["trace", "debug", "info", "notice", "warning", "error", "critical"] {
            let logger = try LoggingOptions.parse(["--log-level", name]).makeLogger("slam.test", environment: [:])
            #expect(logger.logLevel.rawValue == name)
        }
    }

    @Test func anUnknownLevelIsRefusedNamingTheLevels() {
        SLAMParsing.expectRejected(["jobs", "summary", "--log-level", "verbose"],
                                   saying: "--log-level must be one of trace, debug, info, notice, warning, error, critical, not 'verbose'")
        SLAMParsing.expectRejected(["jobs", "summary", "--log-level"], saying: "Missing value for '--log-level <log-level>'")
    }
}
