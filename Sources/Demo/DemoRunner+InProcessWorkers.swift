import Logging
import Pipeline
import Queue
import Store

extension DemoRunner {
    /// A stage's jobs did not all complete (some are dead or cancelled).
    public struct UnfinishedJobs: Error, Sendable, CustomStringConvertible {
        /// What the stage was, and how many of its jobs did not complete.
        public var what: String
        public var count: Int
        public var description: String { "\(count) \(what) jobs did not complete" }
    }

    /// Follows each stage by running its jobs in this process: worker slots (`concurrency`) until the
    /// queue holds nothing due; throws ``UnfinishedJobs`` when any of the stage's jobs did not complete.
    /// For tests and benchmarks (`slam demo` follows with the CLI's workers and progress).
    public static func inProcessWorkers(_ factory: PostgresConnectionFactory, concurrency: Int = 2, logger: Logger) -> Follow {
        { ids, kinds, what, _ in
            let worker = Queue.Worker(
                configuration: WorkerConfiguration(kinds: kinds, concurrency: concurrency, pollIntervalSeconds: 0.2,
                                                   untilEmpty: true, untilEmptyHorizonSeconds: 0.5),
                registry: JobKind.registry(), database: factory, logger: logger)
            try await worker.run()
            let unfinished = try await factory.withConnection { db in try JobQueue(db).unfinishedCount(ids: ids) }
            if unfinished > 0 { throw UnfinishedJobs(what: what, count: unfinished) }
        }
    }
}
