import ArgumentParser
import Foundation
import Logging
import Primitives
import Queue
import Store

/// `slam-bench queue`: enqueue throughput and claim+complete throughput of no-op jobs, against the
/// embedded server (or `DATABASE_URL` / `--database-url`). Uses kind `bench_noop` and deletes its
/// jobs before and after. Prints figures; asserts nothing.
struct QueueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Benchmark the job queue: enqueue and claim+complete throughput of no-op jobs.")

    @Option(help: "Number of no-op jobs.")
    var jobs = 20_000

    @Option(help: "Worker processes' worth of workers (each: one slot, own connections).")
    var workers = 2

    @Option(help: "Jobs claimed (and completed) per round trip.")
    var batch = 200

    @Option(name: .customLong("enqueue-batch"), help: "Jobs per enqueue statement.")
    var enqueueBatch = 1000

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (default: DATABASE_URL, PG*, else the embedded server).")
    var databaseURL: String?

    struct BenchNoop: JobHandler {
        /// Keeps the handler's work observable.
        let sink: LockedValue<Int>
        var kind: String { "bench_noop" }
        func run(_ job: Job, context: JobContext) throws { sink.add(job.id) }
    }

    func run() async throws {
        let logger: Logger = {
            var logger = Logger(label: "slam.bench.queue")
            logger.logLevel = .warning
            return logger
        }()
        let (configuration, source) = try DatabaseResolver.resolve(explicitURL: databaseURL, logger: logger)
        let factory = PostgresConnectionFactory(configuration: configuration, logger: logger)
        let migrations = try Migration.load(from: try Migration.locateDirectory(explicit: nil))
        let (jobs, enqueueBatch) = (self.jobs, self.enqueueBatch)
        try await factory.withConnection { connection in
            try MigrationRunner(migrations: migrations, logger: logger).migrate(connection)
            try JobQueue(connection).deleteAll(kind: "bench_noop")
        }

        let clock = ContinuousClock()
        let enqueueStart = clock.now
        try await factory.withConnection { connection in
            let queue = JobQueue(connection)
            var remaining = jobs
            while remaining > 0 {
                let n = min(enqueueBatch, remaining)
                try queue.enqueue(batch: (0..<n).map { _ in JobRequest(kind: "bench_noop") })
                remaining -= n
            }
        }
        let enqueueSeconds = (clock.now - enqueueStart).seconds

        let sink = LockedValue(0)
        let registry = JobHandlerRegistry([BenchNoop(sink: sink)])
        let runStart = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                let worker = Worker(
                    configuration: WorkerConfiguration(kinds: ["bench_noop"], concurrency: 1, claimBatchSize: batch, leaseSeconds: 60,
                                                       pollIntervalSeconds: 0.05, untilEmpty: true, untilEmptyHorizonSeconds: 0),
                    registry: registry, database: factory, logger: logger)
                group.addTask { try await worker.run() }
            }
            try await group.waitForAll()
        }
        let runSeconds = (clock.now - runStart).seconds
        let completed = try await factory.withConnection { connection in
            let n = try JobQueue(connection).count(kind: "bench_noop", state: .completed)
            try JobQueue(connection).deleteAll(kind: "bench_noop")
            return n
        }
        print("slam-bench queue: \(jobs) no-op jobs, \(workers) workers (1 slot each), claim batch \(batch), database: \(source.rawValue)")
        print(String(format: "  enqueue: %.3f s  ->  %.0f jobs/s (batches of %d)", enqueueSeconds, Double(jobs) / max(enqueueSeconds, 1e-9), enqueueBatch))
        print(String(format: "  claim+run+complete: %d completed in %.3f s  ->  %.0f jobs/s", completed, runSeconds,
                     Double(completed) / max(runSeconds, 1e-9)))
        print("  (sink \(sink.current))")
    }

}
