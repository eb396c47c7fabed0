import Foundation
import Logging
import Store

/// What a running handler gets besides its job: database access, progress reporting, a
/// cancellation check, the lease fence for its result writes (``fence``), and a logger. Sendable: the handler
/// may share it with helper threads.
public final class JobContext: Sendable {
    /// Makes connections to the queue's database (the handler owns and closes what it opens).
    public let database: PostgresConnectionFactory
    /// A logger with `job_id`, `job_kind` and `attempt` metadata.
    public let logger: Logger
    /// The worker holding the lease (`job.lease_owner`).
    public let owner: String
    /// How far a fence extends the lease, seconds (the worker's lease length).
    public let leaseSeconds: Double
    let entry: ActiveJobEntry

    init(database: PostgresConnectionFactory, logger: Logger, entry: ActiveJobEntry, owner: String, leaseSeconds: Double) {
        self.database = database
        self.logger = logger
        self.entry = entry
        self.owner = owner
        self.leaseSeconds = leaseSeconds
    }

    /// A context for running a handler outside a ``Worker`` (tools, tests) on a job that `owner` has
    /// claimed: `lease` is the claimed attempt, and fences check it as a worker's would.
    public convenience init(database: PostgresConnectionFactory, logger: Logger, lease: JobQueue.Lease, owner: String,
                            leaseSeconds: Double = 60) {
        self.init(database: database, logger: logger, entry: ActiveJobEntry(lease: lease, stop: WorkerSignal()),
                  owner: owner, leaseSeconds: leaseSeconds)
    }

    /// The attempt this context runs.
    public var lease: JobQueue.Lease { entry.lease }

    /// Records progress (`done` of `total` units); written to `job.progress` by the next heartbeat
    /// and at completion, so it costs no extra round trip.
    public func reportProgress(done: Int, total: Int?) {
        entry.setProgress(done: done, total: total)
    }

    /// True once the job should stop: the worker is shutting down, the job was cancelled, or its
    /// lease was lost (rescued by another worker after missed heartbeats).
    public var isCancelled: Bool { entry.isCancelled }

    /// Throws ``JobHandlerError/interrupted`` when ``isCancelled``; call it between units of work.
    public func checkCancellation() throws(JobHandlerError) {
        if entry.isCancelled { throw .interrupted }
    }

    /// The fencing token of this attempt, for the pipeline step that writes the job's results: see ``JobFence``.
    public var fence: JobFence { JobFence(context: self) }
}
