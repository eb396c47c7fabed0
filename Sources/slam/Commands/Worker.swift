import ArgumentParser
import Logging
import Queue
import ServiceLifecycle

/// `slam worker`: claims and runs jobs until SIGINT/SIGTERM (graceful), with `--until-idle` until no
/// runnable job of its kinds remains, with `--max-runtime` until its time is up.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run jobs from the queue (graceful shutdown on SIGINT/SIGTERM).",
        discussion: """
            --until-idle (also spelled --until-empty) exits when no job of the worker's kinds is running \
            (on any worker) and none is available to run within --horizon seconds (default 5); jobs \
            scheduled later (e.g. a retry backing off for minutes) do not keep it alive.

            --max-runtime exits when the time is up (5400, 90m, 1h30m, 2d): running jobs are interrupted \
            and given back to the queue at once, without consuming an attempt or waiting for their lease, \
            so a worker under a batch scheduler's time limit (a Slurm array task) ends cleanly before it \
            is killed.

            Asynchronous TAP queries (job kind tap_query, from slam serve's /tap/async) run as the TAP \
            login role: --tap-database-url, else SLAM_TAP_DATABASE_URL, else slam_tap_login on the \
            worker's own server (the role slam serve creates on the embedded database).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(parsing: .upToNextOption, help: "Job kinds to run (default: all; jobs of unknown kinds then die with a clear error).")
    var kinds: [String] = []

    @Option(help: "Jobs run at once (one thread each).")
    var concurrency = 2

    @Option(name: .customLong("batch"), help: "Jobs claimed per round trip by each slot.")
    var batchSize = 1

    @Option(name: .customLong("lease"), help: "Lease length in seconds (heartbeats every third of it).")
    var leaseSeconds = 60.0

    @Flag(name: [.customLong("until-idle"), .customLong("until-empty")], help: "Exit when no runnable job of these kinds remains.")
    var untilEmpty = false

    @Option(name: .customLong("horizon"), help: "With --until-idle: seconds ahead that still count as runnable.")
    var horizonSeconds = 5.0

    @Option(name: .customLong("max-runtime"), help: ArgumentHelp("Exit after this long, releasing running jobs (5400, 90m, 1h30m).", valueName: "duration"))
    var maxRuntime: RunDuration?

    @Flag(name: .customLong("no-scheduler"), help: "Do not run the schedule service in this worker.")
    var noScheduler = false

    @Option(name: .customLong("tap-database-url"), help: "PostgreSQL URL of the login role asynchronous TAP queries run as (default: SLAM_TAP_DATABASE_URL; else slam_tap_login on the worker's server).")
    var tapDatabaseURL: String?

    func validate() throws {
        guard concurrency >= 1, concurrency <= 256 else { throw ValidationError("--concurrency must be 1...256") }
        guard batchSize >= 1, batchSize <= 1000 else { throw ValidationError("--batch must be 1...1000") }
        guard leaseSeconds >= 1 else { throw ValidationError("--lease must be at least 1 second") }
        let known = Set(SLAMJobHandlers.registry.kinds)
        for kind in kinds where !known.contains(kind) {
            throw ValidationError("unknown job kind \(kind) (registered: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func run() async throws {
        let logger = logging.makeLogger("slam.worker")
        let factory = try database.factory(logger: logger)
        let configuration = WorkerConfiguration(
            kinds: kinds.isEmpty ? nil : kinds, concurrency: concurrency, claimBatchSize: batchSize,
            leaseSeconds: leaseSeconds, untilEmpty: untilEmpty, untilEmptyHorizonSeconds: horizonSeconds,
            maxRuntimeSeconds: maxRuntime?.seconds)
        let worker = Queue.Worker(configuration: configuration, registry: SLAMJobHandlers.registry(tapDatabaseURL: tapDatabaseURL),
                                  database: factory, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if !noScheduler {
            services.append(.init(service: Scheduler(database: factory, logger: logger)))
        }
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
