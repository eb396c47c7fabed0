import ArgumentParser

extension DB {
    /// `slam db url [--tcp]`: the connection URL, starting the server if needed.
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
}
