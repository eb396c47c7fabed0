import ArgumentParser
import Foundation
import Store

/// `slam db start|stop|status|url|psql`: the embedded PostgreSQL server.
struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded PostgreSQL 15 server (used when no database is configured).",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self, Psql.self])

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

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Initialise (first time) and start the server; create database slam.")
        @OptionGroup var options: ServerOptions
        func run() throws {
            let server = options.server()
            _ = try server.ensureRunning()
            if let endpoint = server.runningEndpoint() {
                print("running: pid \(endpoint.pid), port \(endpoint.port), socket \(endpoint.socketDirectory), data \(server.dataDirectory.path)")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the server (fast shutdown).")
        @OptionGroup var options: ServerOptions
        func run() throws {
            try options.server().stop()
            print("stopped")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether the server runs, and where.")
        @OptionGroup var options: ServerOptions
        func run() throws {
            let server = options.server()
            if let endpoint = server.runningEndpoint() {
                print("running: pid \(endpoint.pid), port \(endpoint.port), socket \(endpoint.socketDirectory), data \(server.dataDirectory.path)")
            } else {
                print(server.isInitialised ? "stopped (data \(server.dataDirectory.path))" : "not initialised (data \(server.dataDirectory.path))")
                throw ExitCode(3)
            }
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the connection URL (starting the server if needed).")
        @OptionGroup var options: ServerOptions
        @Flag(help: "Print a TCP URL (127.0.0.1) instead of the Unix-socket URL.")
        var tcp = false
        func run() throws {
            let server = options.server()
            let configuration = try server.ensureRunning()
            guard let endpoint = server.runningEndpoint() else { throw ExitCode.failure }
            print(tcp ? server.tcpURL(for: endpoint) : configuration.conninfo)
        }
    }

    struct Psql: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run psql on the embedded database (arguments after -- go to psql).")
        @OptionGroup var options: ServerOptions
        @Option(help: "Database on the embedded server (default: slam; the demo uses slam_demo).")
        var database: String?
        @Argument(parsing: .captureForPassthrough, help: "Arguments for psql.")
        var arguments: [String] = []
        func run() throws {
            let server = options.server()
            var configuration = try server.ensureRunning()
            if let database { configuration = configuration.withDatabase(database) }
            let psql = server.binDirectory.appendingPathComponent("psql").path
            let argv = [psql, configuration.conninfo] + arguments.filter { $0 != "--" }
            let cArguments = argv.map { strdup($0) } + [nil]
            execv(psql, cArguments)
            throw ValidationError("cannot exec \(psql): \(String(cString: strerror(errno)))")
        }
    }
}
