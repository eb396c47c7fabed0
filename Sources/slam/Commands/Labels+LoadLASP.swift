import ArgumentParser
import Catalogue
import Pipeline

extension Labels.Load {
    /// `slam labels load lasp FILE [--release R] [--name NAME]`.
    struct LASP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lasp",
            abstract: "Load the LAMOST \"A, F, G and K type stars\" catalogue (LASP teff, logg, feh with errors; FITS or CSV), keyed by obsid.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var waiting: WaitOptions
        @Argument(help: "AFGK catalogue file: FITS binary table or CSV (`,` or `|`, `combined_` prefixes accepted).") var file: String
        @Option(help: "LAMOST data release.") var release = "DR5"
        @Option(help: "Catalogue name (default lasp-<release>).") var name: String?

        func validate() throws {
            _ = try Labels.absolute(file)
            let n = name ?? LabelCatalogueKind.lasp.defaultName(release: release)
            guard LabelCatalogueRegistry.isValidName(n) else { throw ValidationError(LabelCatalogueError.invalidName(n).description) }
        }

        func run() async throws {
            try await Labels.enqueue(LoadLabelsPayload(kind: .lasp, path: try Labels.absolute(file),
                                                       name: name ?? LabelCatalogueKind.lasp.defaultName(release: release),
                                                       release: release, mapping: .lasp),
                                     database: database, logging: logging, waiting: waiting)
        }
    }
}
