import Foundation
import Store

extension JobQueue {
    /// SQLSTATE raised by the fence functions when an attempt no longer holds its job.
    public static let leaseLostSQLState = "SL001"

    /// The fencing token check: inside the caller's transaction, locks the job's row, confirms that
    /// `lease` (this attempt of `owner`) still holds the running job and extends the lease to at least
    /// now + `leaseSeconds`. When the job was rescued, cancelled or finished meanwhile the server raises
    /// SQLSTATE ``leaseLostSQLState``, which aborts the transaction: whatever it wrote is rolled back.
    ///
    /// The row lock is held until the transaction ends, so a rescue (which skips locked rows) or a
    /// cancellation cannot slip in between this check and the commit; and since the lease was just
    /// extended, a rescue after the commit needs a whole lease without heartbeats.
    public func fence(_ lease: Lease, owner: String, leaseSeconds: Double) throws(PostgresError) {
        precondition(connection.isInTransaction, "a lease fence only means something inside the transaction that writes the results")
        _ = try connection.query("SELECT job_fence($1, $2::int4, $3::text, $4)", [lease.id, lease.attempt, owner, leaseSeconds], name: "job_fence")
    }

    /// Completes `lease`'s job inside the caller's transaction, after the same check as
    /// ``fence(_:owner:leaseSeconds:)``: the job is completed if and only if the transaction's other
    /// writes commit.
    public func completeInTransaction(_ lease: Lease, owner: String, progress: String?) throws(PostgresError) {
        precondition(connection.isInTransaction, "completing with the results only means something inside their transaction")
        _ = try connection.query("SELECT job_complete_fenced($1, $2::int4, $3::text, $4::jsonb)", [lease.id, lease.attempt, owner, progress],
                                 name: "job_complete_fenced")
    }
}

extension PostgresError {
    /// True when this is the fence's refusal (SQLSTATE ``JobQueue/leaseLostSQLState``): the attempt that
    /// tried to write no longer holds its job.
    public var isLeaseLost: Bool { sqlState == JobQueue.leaseLostSQLState }
}
