import ArgumentParser
import Pipeline

extension ModelCommand {
    /// `slam model promote ID`: makes a ready model the current one of its label set.
    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a ready model the current one of its label set.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Model id.") var model: Int

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.model"))
            let id = model
            try await factory.withConnection { try ModelRegistry().promote(id, reasons: ["rule": "explicit promotion"], db: $0) }
            print("model \(id) is now current for its label set")
        }
    }
}
