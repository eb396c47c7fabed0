import ArgumentParser
import Catalogue
import Foundation
import Pipeline
import Queue
import Store

/// `slam ingest lamost PATH...`, `slam ingest apogee FILE` and `slam ingest catalogue FILE`.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enqueue the ingest of LAMOST spectra, an APOGEE allStar file or a LAMOST catalogue.",
        subcommands: [Lamost.self, Apogee.self, Catalogue.self])

    struct Lamost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest LAMOST spectrum files (.fits, .fits.gz): files, directories, globs or manifest files.",
            discussion: """
                Files are enqueued in batches; a batch is unique by its files' paths, sizes and modification times, \
                so running the command again is a no-op, and a worker skips files whose content (SHA-256) is \
                already ingested. Symbolic links to directories and files are followed, without looping. Every \
                refused file becomes a row of the rejection table with its reason; values coerced to fit the \
                database are noted in lamost_spectrum.notes; of two files with one OBSID the higher data release, \
                then the newer pipeline version, then the first ingested is kept (docs/ingest.md).
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var waiting: WaitOptions
        @Argument(help: "Spectrum files, directories (searched recursively), globs, or manifests (.txt/.lst, one path per line).")
        var paths: [String]
        @Option(help: "Files per ingest job.") var batchSize = 200
        @OptionGroup var mask: MaskPolicyOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("give at least one path") }
            guard batchSize >= 1, batchSize <= 10_000 else { throw ValidationError("--batch-size must be 1...10000") }
            _ = try mask.settings()
        }

        func run() async throws {
            let logger = logging.makeLogger("slam.ingest")
            let files = try IngestFileList.expand(paths)
            let factory = try database.factory(logger: logger)
            let (batch, settings) = (batchSize, try mask.settings())
            let results = try await factory.withConnection {
                try IngestLamostJob.enqueue(paths: files, batchSize: batch, preprocessing: settings, db: $0)
            }
            let new = results.filter(\.inserted).count
            print("\(files.count) files in \(results.count) ingest jobs (\(new) new, \(results.count - new) already enqueued)")
            try await waiting.follow(ids: results.compactMap(\.id), kinds: [JobKind.ingestLamost], what: "spectra",
                                     expectedUnits: files.count, factory: factory, logger: logger)
        }
    }

    struct Apogee: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load an APOGEE allStar FITS table (only the needed columns, in row chunks); the same as `slam labels load apogee`.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var waiting: WaitOptions
        @Argument(help: "allStar FITS file.") var file: String
        @Option(help: "Data release the file belongs to.") var release = "DR15"
        @Option(help: "Column names: dr12, dr15 (also DR14), dr16 or dr17.") var columns = "dr15"

        func validate() throws {
            guard ApogeeColumnMapPresets.names.contains(columns.lowercased()) else {
                throw ValidationError("--columns must be one of \(ApogeeColumnMapPresets.names.joined(separator: ", "))")
            }
            _ = try Labels.absolute(file)
        }

        /// The load that also registers the file as label catalogue apogee-<release>.
        func run() async throws {
            try await Labels.enqueue(LoadLabelsPayload(kind: .apogee, path: try Labels.absolute(file),
                                                       name: LabelCatalogueKind.apogee.defaultName(release: release),
                                                       release: release, apogeeColumns: columns.lowercased()),
                                     database: database, logging: logging, waiting: waiting)
        }
    }
}

extension Ingest {
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

enum ApogeeColumnMapPresets {
    static let names = ["dr12", "dr14", "dr15", "dr16", "dr17"]
}
