import Foundation
import Logging
import Pipeline
import Queue
import Store

/// The workers of a scale run, in this process as in the demo: `concurrency` slots that run the given
/// kinds until the queue is empty, then a check that every followed job completed. Jobs due within 2 s
/// keep the slots alive: the last prediction job enqueues the calibration 0.5 s ahead, and a follower
/// started in that half second would otherwise find the queue empty and leave the job unrun.
public enum ScaleWorkers {
    /// A ``DemoRunner/Follow`` running `concurrency` worker slots with the pipeline's handlers (one model
    /// cache for the run).
    /// - Throws (from the returned function): ``ScaleBenchmarkError/jobsIncomplete(what:completed:total:firstError:)``
    ///   when a followed job did not complete.
    public static func follow(factory: PostgresConnectionFactory, concurrency: Int, logger: Logger,
                              models: ModelStore = ModelStore()) -> DemoRunner.Follow {
        { ids, kinds, what, _ in
            let worker = Queue.Worker(
                configuration: WorkerConfiguration(kinds: kinds, concurrency: concurrency, leaseSeconds: 300, pollIntervalSeconds: 0.05,
                                                   untilEmpty: true, untilEmptyHorizonSeconds: 2),
                registry: JobKind.registry(models: models), database: factory, logger: logger)
            try await worker.run()
            let snapshot = try await factory.withConnection { db in
                var baseline: [Int: Int] = [:]
                return try JobWaiter(ids: ids).snapshot(db, since: Date(), baseline: &baseline)
            }
            guard snapshot.completed == snapshot.total else {
                throw ScaleBenchmarkError.jobsIncomplete(what: what, completed: snapshot.completed, total: snapshot.total,
                                                         firstError: snapshot.failures.first?.error)
            }
        }
    }
}
