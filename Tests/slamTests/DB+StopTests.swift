@testable import slam
import Testing

/// `slam db stop` (DB+Stop.swift), with the server options (DB+ServerOptions.swift).
@Suite struct DBStopTests {
    @Test func parsesTheServerOptions() throws {
        let command = try SLAMParsing.parse(["db", "stop", "--data-dir", "/tmp/pg", "--no-fsync", "--log-level", "error"], as: DB.Stop.self)
        #expect(command.options.dataDirectory == "/tmp/pg" && command.options.noFsync && command.options.logging.logLevel == "error")
        #expect(command.options.server().dataDirectory.path == "/tmp/pg")
        let defaults = try SLAMParsing.parse(["db", "stop"], as: DB.Stop.self)
        #expect(defaults.options.dataDirectory == nil && !defaults.options.noFsync)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["db", "stop", "--data-dir"], saying: "Missing value for '--data-dir <data-dir>'")
        SLAMParsing.expectRejected(["db", "stop", "--no-fsync=1"], saying: "The option '--no-fsync' does not take any value")
        SLAMParsing.expectRejected(["db", "stop", "--database-url", "postgres:///x"], saying: "Unknown option '--database-url'")
    }
}
