import ArgumentParser
import Demo
import Logging

/// The options `slam-bench scale` and `slam-bench scale-append` share: how the survey's files are made,
/// written and ingested, how often each query runs, what is printed, and which server.
struct ScaleStreamOptions: ParsableArguments {
    @Option(name: .customLong("star-types"), help: "Star types synthesised once (every star shares the labels of one).")
    var starTypes = 2_000

    @Option(help: "Spectrum files written, ingested and deleted at a time.")
    var chunk = 20_000

    @Option(help: "In-process worker slots.")
    var workers = 2

    @Option(name: .customLong("batch-size"), help: "Files per ingest job.")
    var batchSize = 200

    @Option(help: "Scratch directory for the chunks of files and the export (default: a temporary directory).")
    var scratch: String?

    @Option(name: .customLong("query-runs"), help: "Runs of each query, each with another random spectrum.")
    var queryRuns = 50

    @Flag(name: .customLong("settle-chunks"),
          help: "Flush each chunk's files to disk before its ingest (counted in simulate+write), so that ingest does not share the disk with their write-back.")
    var settleChunks = false

    @Flag(help: "Print each stage's bytes per table and each query's EXPLAIN (ANALYZE, BUFFERS).")
    var verbose = false

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL of the server (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    func validate() throws {
        guard chunk >= 100, workers >= 1, batchSize >= 1, queryRuns >= 1 else {
            throw ValidationError("--chunk >= 100, --workers >= 1, --batch-size >= 1, --query-runs >= 1")
        }
    }

    /// `settings` with these options' star types, chunk, ingest batch, query runs and chunk flushing.
    func applied(to settings: ScaleSettings) -> ScaleSettings {
        var settings = settings
        settings.starTypes = starTypes
        settings.chunkFiles = chunk
        settings.batchSize = batchSize
        settings.queryRuns = queryRuns
        settings.settleChunks = settleChunks
        return settings
    }

    /// The benchmark's logger: warnings and errors only, so that its figures stand out.
    static func logger(label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}
