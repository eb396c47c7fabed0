import ArgumentParser
import Pipeline

extension Labels {
    /// `slam labels list`: every label catalogue version.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List label catalogue versions.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let factory = try database.factory(logger: logging.makeLogger("slam.labels"))
            let entries = try await factory.withConnection { try LabelCatalogueRegistry.list($0) }
            let rows = entries.map { e in
                [String(e.catalogueID), e.name, String(e.version), e.kind.rawValue, e.keyKind,
                 zip(e.labelNames, e.labelUnits).map { "\($0) [\($1)]" }.joined(separator: ", "), String(e.rows), e.sourceFile]
            }
            print(rows.isEmpty ? "no label catalogues (load one with slam labels load)"
                  : TextTable.render([["id", "name", "version", "kind", "key", "labels", "rows", "file"]] + rows))
        }
    }
}
