import ArgumentParser
import Queue

/// The options of a command that acts on one job: its id, the database and logging.
struct JobTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Argument(help: "Job id.") var id: Int

    /// Runs `body` with the queue on one connection and the job's id.
    func withQueue<T: Sendable>(_ body: @escaping @Sendable (JobQueue, Int) throws -> T) async throws -> T {
        let factory = try database.factory(logger: logging.makeLogger("slam.jobs"))
        let id = self.id
        return try await factory.withConnection { try body(JobQueue($0), id) }
    }
}
