import Foundation
import Logging
import Store

/// What a running handler gets besides its job: database access, progress reporting, a
/// cancellation check and a logger. Sendable: the handler may share it with helper threads.
public final class JobContext: Sendable {
    /// Makes connections to the queue's database (the handler owns and closes what it opens).
    public let database: PostgresConnectionFactory
    /// A logger with `job_id`, `job_kind` and `attempt` metadata.
    public let logger: Logger
    let entry: ActiveJobEntry

    init(database: PostgresConnectionFactory, logger: Logger, entry: ActiveJobEntry) {
        self.database = database
        self.logger = logger
        self.entry = entry
    }

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
}
