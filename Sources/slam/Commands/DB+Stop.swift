import ArgumentParser

extension DB {
    /// `slam db stop`: a fast shutdown.
    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the server (fast shutdown).")
        @OptionGroup var options: ServerOptions
        func run() throws {
            try options.server().stop()
            print("stopped")
        }
    }
}
