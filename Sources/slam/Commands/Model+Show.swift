import ArgumentParser
import Pipeline

extension ModelCommand {
    /// `slam model show ID|current [--label-set S]`: a model's line, its cross-validated precision table
    /// and its `outside_training_set` decision (thresholds and rates per S/N bin).
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a model's cross-validated precision table and its outside_training_set decision.")
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
                let outside = try OutsideTrainingSetReport.load(modelID: id, db: db)
                    ?? "outside_training_set: not calibrated yet (the model's first prediction batch calibrates it)"
                return header + "\n" + (try PrecisionTable.load(modelID: id, db: db).text) + "\n\n" + outside
            }
            print(text)
        }
    }
}
