import ArgumentParser
import Pipeline

extension ModelCommand {
    /// `slam model [list]`: every model version, one line each.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List models (the default).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.model"))
            let models = try await factory.withConnection { try ModelRegistry().list($0) }
            if models.isEmpty { print("no models") }
            for m in models { print(ModelCommand.describe(m)) }
        }
    }
}
