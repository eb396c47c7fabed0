import ArgumentParser
import Foundation
import Store

extension DB {
    /// Options shared by the `db` subcommands.
    struct ServerOptions: ParsableArguments {
        @Option(name: .customLong("data-dir"), help: "Data directory (default: $SLAM_HOME/pg, .slam/pg of the checkout, or $XDG_DATA_HOME/slam/pg).")
        var dataDirectory: String?

        @Flag(name: .customLong("no-fsync"), help: "Start with fsync off (throw-away test clusters only).")
        var noFsync = false

        @OptionGroup var logging: LoggingOptions

        func server() -> EmbeddedServer {
            let directory = dataDirectory.map { URL(fileURLWithPath: $0) } ?? EmbeddedServer.defaultDataDirectory()
            return EmbeddedServer(dataDirectory: directory, options: .init(fsync: !noFsync), logger: logging.makeLogger("slam.db"))
        }
    }
}
