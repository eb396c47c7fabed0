import ArgumentParser
import Queue

extension Jobs {
    /// `slam jobs cancel ID`: cancels an available or running job.
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel an available or running job.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Job id.") var id: Int

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
            let id = self.id
            guard try await factory.withConnection({ try JobQueue($0).cancel(id: id) }) else {
                throw ValidationError("job \(id) does not exist or is already finished")
            }
            print("job \(id) cancelled")
        }
    }
}
