import ArgumentParser
import Pipeline
import Store

/// The options of a command that acts on one model: its id, the database and logging.
struct ModelTarget: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions
    @Argument(help: "Model id.") var model: Int

    /// Runs `body` with the model registry on one connection and the model's id.
    func withRegistry<T: Sendable>(_ body: @escaping @Sendable (ModelRegistry, Int, PostgresConnection) throws -> T) async throws -> T {
        let factory = try database.factory(logger: logging.makeLogger("slam.model"))
        let id = model
        return try await factory.withConnection { try body(ModelRegistry(), id, $0) }
    }
}
