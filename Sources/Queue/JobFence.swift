import Store

/// How a pipeline step guards its result writes when it runs as a job: the fencing token of the attempt
/// that runs it. Steps take one (``unfenced`` outside the queue: the demo, tools) and call ``check(_:)``
/// inside every transaction that writes results, or ``complete(_:)`` inside the transaction that writes
/// the last of them, before they commit.
///
/// Both lock the job's row and raise SQLSTATE ``JobQueue/leaseLostSQLState`` when the attempt no longer
/// holds the job (rescued after missed heartbeats, cancelled, finished), which aborts the transaction: a
/// worker paused or cut off past its lease writes nothing, and the worker records nothing for it.
public struct JobFence: Sendable {
    let context: JobContext?
    /// False for a step inside a larger job: its ``complete(_:)`` only checks.
    var completes = true

    /// No fence: the step does not run as a job.
    public static let unfenced = JobFence(context: nil)

    /// The same fence for a step that is not the job's last: its ``complete(_:)`` checks without completing.
    public var withoutCompletion: JobFence {
        var fence = self
        fence.completes = false
        return fence
    }

    /// True when the step runs as a job.
    public var isFenced: Bool { context != nil }

    /// Inside a transaction that writes part of the results: confirms this attempt still holds the job
    /// and extends its lease.
    public func check(_ connection: PostgresConnection) throws(PostgresError) {
        guard let context else { return }
        do {
            try JobQueue(connection).fence(context.entry.lease, owner: context.owner, leaseSeconds: context.leaseSeconds)
        } catch {
            if error.isLeaseLost { context.entry.markLost() }
            throw error
        }
    }

    /// Inside the transaction that writes the last results: the same check, and the job is completed in
    /// that transaction, so results and completion commit together or not at all (the worker then writes
    /// no completion of its own).
    public func complete(_ connection: PostgresConnection) throws(PostgresError) {
        guard let context else { return }
        guard completes else { return try check(connection) }
        do {
            try JobQueue(connection).completeInTransaction(context.entry.lease, owner: context.owner,
                                                           progress: context.entry.latestProgress)
        } catch {
            if error.isLeaseLost { context.entry.markLost() }
            throw error
        }
        context.entry.markCompletedByHandler()
    }
}
