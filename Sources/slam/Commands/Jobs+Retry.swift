import ArgumentParser
import Queue

extension Jobs {
    /// `slam jobs retry ID`: a dead or cancelled job back to available.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a dead or cancelled job back to available (fresh attempts).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Job id.") var id: Int

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
            let id = self.id
            guard try await factory.withConnection({ try JobQueue($0).retry(id: id) }) else {
                throw ValidationError("job \(id) does not exist or is not dead/cancelled")
            }
            print("job \(id) is available again")
        }
    }
}
