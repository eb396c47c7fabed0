import ArgumentParser
import Logging
import Queue
import Store

/// `--wait` and `--work N`, shared by the commands that enqueue jobs.
///
/// `--wait` follows the enqueued jobs until they finish, printing progress (done, rate, ETA) to
/// standard error; it needs workers somewhere (`slam worker`). `--work N` also runs N worker slots in
/// this process for the jobs' kinds until none is left (and implies `--wait`).
///
/// Following ends with exit status 70 (``SLAMExitCode/jobFailed``) when a job is dead, cancelled, or
/// failing: still queued but its last 3 attempts failed with the same error, one of them while this
/// command waited (`JobWaiter.FailureRule`; a calibration waiting for prediction jobs is not failing).
/// A lost database connection is retried for about 3 minutes (then 69); `--timeout` ends it with 75.
struct WaitOptions: ParsableArguments {
    @Flag(help: "Wait for the jobs to finish, showing progress.")
    var wait = false

    @Option(help: "Also run this many worker slots in this process until the jobs are done (implies --wait).")
    var work = 0

    @Option(help: "With --wait or --work: stop waiting after this many seconds (exit status 75; the jobs stay queued).")
    var timeout: Double?

    func validate() throws {
        guard work >= 0, work <= 64 else { throw ValidationError("--work must be 0...64") }
        if let timeout { guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") } }
    }

    /// Waits (and works) as asked; returns the final snapshot, or nil without `--wait`/`--work`.
    @discardableResult
    func follow(ids: [Int], kinds: [String], what: String, expectedUnits: Int? = nil,
                factory: PostgresConnectionFactory, logger: Logger) async throws -> JobWaiter.Snapshot? {
        guard wait || work > 0, !ids.isEmpty else { return nil }
        return try await CLIJobs.follow(ids: ids, kinds: kinds, what: what, expectedUnits: expectedUnits,
                                        workers: work, timeoutSeconds: timeout, factory: factory, logger: logger)
    }
}
