import Foundation
import Logging
import Pipeline
import Queue
import Store

/// Following jobs from the CLI.
enum CLIJobs {
    /// The waiter for `ids`: 0.5 s polls, the default failure rule with the pipeline's planned waits
    /// (a calibration waiting for prediction jobs) not counted as failures.
    static func waiter(ids: [Int], expectedUnits: Int?, timeoutSeconds: Double?) -> JobWaiter {
        JobWaiter(ids: ids, pollSeconds: 0.5, expectedUnits: expectedUnits,
                  rule: JobWaiter.FailureRule(isWaitingForOtherJobs: CalibrateJob.isWaitingForOtherJobs),
                  timeoutSeconds: timeoutSeconds)
    }

    /// Follows the jobs (running `workers` worker slots here meanwhile) and returns the last snapshot when
    /// every job completed; throws ``JobFollowError`` when some did not, or the timeout passed.
    static func follow(ids: [Int], kinds: [String], what: String, expectedUnits: Int?, workers: Int, timeoutSeconds: Double? = nil,
                       factory: PostgresConnectionFactory, logger: Logger) async throws -> JobWaiter.Snapshot {
        let waiter = waiter(ids: ids, expectedUnits: expectedUnits, timeoutSeconds: timeoutSeconds)
        let connectionProblem: @Sendable (PostgresError, Double) -> Void = { error, delay in
            FileHandle.standardError.write(Data(("\ndatabase connection problem (\(error)); reconnecting in "
                                                 + String(format: "%.1f s\n", delay)).utf8))
        }
        let snapshot: JobWaiter.Snapshot
        if workers > 0 {
            var workerLogger = logger
            workerLogger.logLevel = max(logger.logLevel, .warning)
            let worker = Queue.Worker(
                configuration: WorkerConfiguration(kinds: kinds, concurrency: workers, leaseSeconds: 60,
                                                   pollIntervalSeconds: 0.5, untilEmpty: true, untilEmptyHorizonSeconds: 1),
                registry: SLAMJobHandlers.registry, database: factory, logger: workerLogger)
            async let working: Void = worker.run()
            do {
                snapshot = try await waiter.wait(factory, report: { report($0, what: what) }, onConnectionProblem: connectionProblem)
            } catch {
                worker.stop()
                try? await working
                throw error
            }
            worker.stop()
            try await working
        } else {
            snapshot = try await waiter.wait(factory, report: { report($0, what: what) }, onConnectionProblem: connectionProblem)
        }
        FileHandle.standardError.write(Data("\n".utf8))
        return try outcome(snapshot, what: what, rule: waiter.rule, timeoutSeconds: timeoutSeconds)
    }

    /// The snapshot when every job completed; else the ``JobFollowError`` to throw.
    static func outcome(_ snapshot: JobWaiter.Snapshot, what: String, rule: JobWaiter.FailureRule,
                        timeoutSeconds: Double?) throws(JobFollowError) -> JobWaiter.Snapshot {
        if !snapshot.failures.isEmpty {
            throw .failed(snapshot.failures, total: snapshot.total, what: what, repeatedErrors: rule.repeatedErrors)
        }
        if snapshot.timedOut {
            throw .timedOut(seconds: timeoutSeconds ?? snapshot.elapsedSeconds, unfinished: snapshot.total - snapshot.completed,
                            total: snapshot.total, what: what)
        }
        return snapshot
    }

    static func report(_ s: JobWaiter.Snapshot, what: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + s.line(what: what)).utf8))
    }
}
