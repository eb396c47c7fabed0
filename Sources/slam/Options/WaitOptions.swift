import ArgumentParser
import Foundation
import Logging
import Pipeline
import Queue
import Store

/// `--wait` and `--work N`, shared by the commands that enqueue jobs.
///
/// `--wait` follows the enqueued jobs until they finish, printing progress (done, rate, ETA) to
/// standard error; it needs workers somewhere (`slam worker`). `--work N` also runs N worker slots in
/// this process for the jobs' kinds until none is left (and implies `--wait`).
struct WaitOptions: ParsableArguments {
    @Flag(help: "Wait for the jobs to finish, showing progress.")
    var wait = false

    @Option(help: "Also run this many worker slots in this process until the jobs are done (implies --wait).")
    var work = 0

    func validate() throws {
        guard work >= 0, work <= 64 else { throw ValidationError("--work must be 0...64") }
    }

    /// Waits (and works) as asked; returns the final snapshot, or nil without `--wait`/`--work`.
    @discardableResult
    func follow(ids: [Int], kinds: [String], what: String, expectedUnits: Int? = nil,
                factory: PostgresConnectionFactory, logger: Logger) async throws -> JobWaiter.Snapshot? {
        guard wait || work > 0, !ids.isEmpty else { return nil }
        return try await CLIJobs.follow(ids: ids, kinds: kinds, what: what, expectedUnits: expectedUnits,
                                        workers: work, factory: factory, logger: logger)
    }
}

/// Following jobs from the CLI.
enum CLIJobs {
    static func follow(ids: [Int], kinds: [String], what: String, expectedUnits: Int?, workers: Int,
                       factory: PostgresConnectionFactory, logger: Logger) async throws -> JobWaiter.Snapshot {
        let waiter = JobWaiter(ids: ids, pollSeconds: 0.5, expectedUnits: expectedUnits)
        let snapshot: JobWaiter.Snapshot
        if workers > 0 {
            var workerLogger = logger
            workerLogger.logLevel = max(logger.logLevel, .warning)
            let worker = Queue.Worker(
                configuration: WorkerConfiguration(kinds: kinds, concurrency: workers, leaseSeconds: 60,
                                                   pollIntervalSeconds: 0.5, untilEmpty: true, untilEmptyHorizonSeconds: 1),
                registry: SLAMJobHandlers.registry, database: factory, logger: workerLogger)
            async let working: Void = worker.run()
            snapshot = try await waiter.wait(factory) { report($0, what: what) }
            worker.stop()
            try await working
        } else {
            snapshot = try await waiter.wait(factory) { report($0, what: what) }
        }
        FileHandle.standardError.write(Data("\n".utf8))
        for (id, error) in snapshot.errors.prefix(5) {
            FileHandle.standardError.write(Data("job \(id) dead: \(error)\n".utf8))
        }
        if snapshot.dead > 0 {
            throw ValidationError("\(snapshot.dead) of \(snapshot.total) \(what) jobs failed (slam jobs show ID for details)")
        }
        return snapshot
    }

    static func report(_ s: JobWaiter.Snapshot, what: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + s.line(what: what)).utf8))
    }
}
