import ArgumentParser
import Foundation
import Pipeline

extension Ingest {
    /// `slam ingest catalogue FILE [--release R]`: an ingest_catalogue job.
    struct Catalogue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a LAMOST catalogue (FITS table or CSV) into lamost_catalogue, to attach catalogue columns to spectra.",
            discussion: """
                Rows are upserted by obsid (reloading is harmless); rows that cannot be stored become rejection rows \
                (stage ingest_catalogue). DR1 pilot spectra ingested under a synthetic obsid are matched by file \
                identity in the view lamost_spectrum_catalogue.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var waiting: WaitOptions
        @Argument(help: "Catalogue file: FITS binary table or CSV with an obsid column.") var file: String
        @Option(help: "Data release the catalogue belongs to.") var release = "DR5"

        func validate() throws {
            guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file): no such file") }
            guard !release.isEmpty else { throw ValidationError("--release must not be empty") }
        }

        func run() async throws {
            let logger = logging.makeLogger("slam.ingest")
            let factory = try database.factory(logger: logger)
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            let release = self.release
            let result = try await factory.withConnection { try IngestCatalogueJob.enqueue(path: path, release: release, db: $0) }
            print("catalogue load: job \(result.id.map(String.init) ?? "?")\(result.inserted ? "" : " (already enqueued)")")
            try await waiting.follow(ids: result.id.map { [$0] } ?? [], kinds: [JobKind.ingestCatalogue], what: "catalogue rows",
                                     factory: factory, logger: logger)
        }
    }
}
