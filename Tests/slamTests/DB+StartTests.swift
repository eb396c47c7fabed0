@testable import slam
import Testing

/// `slam db start` (DB+Start.swift), with the server options (DB+ServerOptions.swift).
@Suite struct DBStartTests {
    @Test func parsesTheServerOptions() throws {
        let command = try SLAMParsing.parse(["db", "start", "--data-dir", "/tmp/pg", "--no-fsync", "--log-level", "error"], as: DB.Start.self)
        #expect(command.options.dataDirectory == "/tmp/pg" && command.options.noFsync && command.options.logging.logLevel == "error")
        #expect(command.options.server().dataDirectory.path == "/tmp/pg")
        let defaults = try SLAMParsing.parse(["db", "start"], as: DB.Start.self)
        #expect(defaults.options.dataDirectory == nil && !defaults.options.noFsync)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["db", "start", "--data-dir"], saying: "Missing value for '--data-dir <data-dir>'")
        SLAMParsing.expectRejected(["db", "start", "--no-fsync=1"], saying: "The option '--no-fsync' does not take any value")
        SLAMParsing.expectRejected(["db", "start", "--database-url", "postgres:///x"], saying: "Unknown option '--database-url'")
    }
}
