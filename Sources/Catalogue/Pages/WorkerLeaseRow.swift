import Foundation
import Store

/// A worker seen through the leases it holds on running jobs: its last heartbeat is the newest lease
/// renewal. A worker with no running job holds no lease and is not listed.
public struct WorkerLeaseRow: Sendable, Equatable {
    /// `lease_owner`: host, process and slot of the worker.
    public var worker: String
    /// Running jobs it holds, and how many of their leases have expired (the worker stopped heartbeating).
    public var jobs: Int
    public var expired: Int
    public var kinds: [String]
    public var lastHeartbeat: Date

    init(row: PostgresRow) throws(PostgresError) {
        worker = try row.decode(String.self, "worker")
        jobs = try row.decode(Int.self, "jobs")
        expired = try row.decode(Int.self, "expired")
        kinds = try row.decode([String].self, "kinds")
        lastHeartbeat = try row.decode(Date.self, "last_heartbeat")
    }
}
