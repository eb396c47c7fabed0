import ArgumentParser
import Catalogue

extension TrainingSet {
    /// `slam trainingset list`: a table of every training set version.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List training sets.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.trainingset"))
            let rows = try await factory.withConnection { try TrainingSetQueries.list(db: $0) }.map { t -> [String] in
                let source = [t.crossmatchRunID.map { "crossmatch \($0)" },
                              t.catalogueName.flatMap { name in t.catalogueVersion.map { "\(name) v\($0)" } }]
                return [String(t.trainingSetID), t.name, String(t.version), t.labelSet, t.labelNames.joined(separator: ","),
                 String(t.members), source.compactMap { $0 }.joined(separator: " "), t.created]
            }
            print(rows.isEmpty ? "no training sets" : TextTable.render([["id", "name", "version", "label set", "labels", "members", "source", "created"]] + rows))
        }
    }
}
