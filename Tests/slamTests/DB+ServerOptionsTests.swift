@testable import slam
import Store
import Testing

/// The options every `slam db` subcommand shares (DB+ServerOptions.swift): the data directory, fsync and
/// the log level, and the embedded server they describe.
@Suite struct DBServerOptionsTests {
    @Test func theOptionsDescribeTheServer() throws {
        let options = try DB.ServerOptions.parse(["--data-dir", "/srv/slam/pg", "--no-fsync", "--log-level", "warning"])
        let server = options.server()
        #expect(server.dataDirectory.path == "/srv/slam/pg")
        #expect(!server.options.fsync)
        #expect(server.logger.logLevel == .warning && server.logger.label == "slam.db")
    }

    @Test func byDefaultTheServerIsTheDefaultDirectoryWithFsync() throws {
        let server = try DB.ServerOptions.parse([]).server()
        #expect(server.dataDirectory == EmbeddedServer.defaultDataDirectory())
        #expect(server.options.fsync)
    }

    @Test func badOptionsAreRefusedWithTheirReason() {
        for (arguments, reason) in [(["--fsync"], "Unknown option '--fsync'"),
                                    (["--data-dir"], "Missing value for '--data-dir <data-dir>'"),
                                    (["--log-level", "chatty"], "--log-level must be one of trace, debug, info, notice, warning, error, critical, not 'chatty'")] {
            do {
                _ = try DB.ServerOptions.parse(arguments)
                Issue.record("\(arguments) accepted")
            } catch {
                #expect(DB.ServerOptions.message(for: error).contains(reason), "\(arguments)")
            }
        }
    }
}
