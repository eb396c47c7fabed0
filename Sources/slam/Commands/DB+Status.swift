import ArgumentParser

extension DB {
    /// `slam db status`: the running server's pid, port, socket and data directory; exit status 3 when it is not running.
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
}
