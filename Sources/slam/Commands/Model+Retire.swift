import ArgumentParser
import Pipeline

extension ModelCommand {
    /// `slam model retire ID`: retires a model; its predictions stay.
    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a model (its predictions stay).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Model id.") var model: Int

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.model"))
            let id = model
            try await factory.withConnection { try ModelRegistry().retire(id, db: $0) }
            print("model \(id) retired")
        }
    }
}
