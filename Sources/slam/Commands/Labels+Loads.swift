import ArgumentParser
import Catalogue

extension Labels {
    /// `slam labels loads [--limit N]`: load attempts, newest first.
    struct Loads: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List load attempts, failed ones with their reason.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @Option(help: "Show at most this many, newest first.") var limit = 20

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.labels"))
            let limit = self.limit
            let rows = try await factory.withConnection { try LabelCatalogueQueries.loadHistory(limit: limit, db: $0) }.map { r in
                [String(r.loadID), r.name, r.kind, r.status, r.rows.map(String.init) ?? "-", r.finished, r.error ?? r.sourceFile]
            }
            print(rows.isEmpty ? "no loads" : TextTable.render([["id", "name", "kind", "status", "rows", "finished", "file or error"]] + rows))
        }
    }
}
