@testable import slam
import Testing

/// `slam db status` (DB+Status.swift), with the server options (DB+ServerOptions.swift).
@Suite struct DBStatusTests {
    @Test func parsesTheServerOptions() throws {
        let command = try SLAMParsing.parse(["db", "status", "--data-dir", "/tmp/pg", "--no-fsync", "--log-level", "error"], as: DB.Status.self)
        #expect(command.options.dataDirectory == "/tmp/pg" && command.options.noFsync && command.options.logging.logLevel == "error")
        #expect(command.options.server().dataDirectory.path == "/tmp/pg")
        let defaults = try SLAMParsing.parse(["db", "status"], as: DB.Status.self)
        #expect(defaults.options.dataDirectory == nil && !defaults.options.noFsync)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["db", "status", "--data-dir"], saying: "Missing value for '--data-dir <data-dir>'")
        SLAMParsing.expectRejected(["db", "status", "--no-fsync=1"], saying: "The option '--no-fsync' does not take any value")
        SLAMParsing.expectRejected(["db", "status", "--database-url", "postgres:///x"], saying: "Unknown option '--database-url'")
    }
}
