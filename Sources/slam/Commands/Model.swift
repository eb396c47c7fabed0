import ArgumentParser
import Foundation
import Pipeline
import Store

/// `slam model list|show|promote|retire`.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "List, show, promote or retire model versions.",
        subcommands: [List.self, Show.self, Promote.self, Retire.self], defaultSubcommand: List.self)

    static func describe(_ m: ModelRegistry.Entry) -> String {
        let scatter = zip(m.labelNames, m.scatter).map { name, s in "\(name) \(s.map { String(format: "%.3g", $0) } ?? "-")" }
        return "model \(m.modelID) [\(m.labelSet)] \(m.status)\(m.isCurrent ? " (current)" : ""), trained on \(m.trainingSet)"
            + " (\(m.trainCount.map(String.init) ?? "?") stars); CV scatter: \(scatter.joined(separator: ", "))"
    }

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

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a model's cross-validated precision table.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Argument(help: "Model id or 'current'.") var model: String
        @Option(name: .customLong("label-set")) var labelSet: String?

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.model"))
            let (reference, labelSet) = (model, self.labelSet)
            let text = try await factory.withConnection { db -> String in
                let id = try ModelRegistry().resolve(reference, labelSet: labelSet, db: db)
                let header = try ModelRegistry().list(db).first { $0.modelID == id }.map(ModelCommand.describe) ?? ""
                return header + "\n" + (try PrecisionTable.load(modelID: id, db: db).text)
            }
            print(text)
        }
    }

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
