import ArgumentParser
import Foundation

extension DB {
    /// `slam db psql [--database NAME] [-- PSQL ARGUMENTS]`: replaces this process with psql on the embedded server.
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
