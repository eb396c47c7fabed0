import ArgumentParser
import Pipeline

extension Ingest {
    /// `slam ingest lamost PATH... [--batch-size N] [mask options]`: ingest jobs in batches of files.
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
}
