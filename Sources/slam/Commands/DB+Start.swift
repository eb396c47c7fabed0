import ArgumentParser

extension DB {
    /// `slam db start`: initialises the cluster the first time, starts the server and creates database slam.
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
}
