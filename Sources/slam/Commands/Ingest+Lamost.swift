import ArgumentParser
import Pipeline

extension Ingest {
    /// `slam ingest lamost PATH... [--batch-size N] [preprocessing options]`: ingest jobs in batches of files.
    struct Lamost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest LAMOST spectrum files (.fits, .fits.gz): files, directories, globs or manifest files.",
            discussion: """
                The listing is streamed (memory does not grow with the number of files) and enqueued in bulk, in one \
                transaction. Files are enqueued in batches; a batch is unique by its files' paths, sizes and modification times, \
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
        @OptionGroup var preprocessing: PreprocessingOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("give at least one path") }
            guard batchSize >= 1, batchSize <= 10_000 else { throw ValidationError("--batch-size must be 1...10000") }
            _ = try preprocessing.settings()
        }

        func run() async throws {
            let logger = logging.makeLogger("slam.ingest")
            let factory = try database.factory(logger: logger)
            let (arguments, batch, settings) = (paths, batchSize, try preprocessing.settings())
            let following = waiting.wait || waiting.work > 0
            // The listing is streamed into the enqueue (one transaction): nothing is enqueued if it fails.
            let summary = try await factory.withConnection { db in
                var listing = try IngestPathStream(arguments)
                return try IngestLamostJob.enqueue(listing: &listing, batchSize: batch, preprocessing: settings,
                                                   collectIDs: following, db: db)
            }
            print("\(summary.files) files in \(summary.jobs) ingest jobs (\(summary.inserted) new, \(summary.alreadyEnqueued) already enqueued)")
            try await waiting.follow(ids: summary.ids, kinds: [JobKind.ingestLamost], what: "spectra",
                                     expectedUnits: summary.files, factory: factory, logger: logger)
        }
    }
}
