import Foundation
import Store

/// A worker process as it reports itself (`worker`, migration 0030), with its state: alive (a heartbeat
/// within three heartbeat intervals), stopped (it ended cleanly) or lost (it stopped heartbeating).
public struct WorkerRow: Sendable, Equatable {
    public enum State: String, Sendable {
        case alive, lost, stopped
    }

    /// Its id (`job.lease_owner` of the jobs it holds), host and process.
    public var worker: String
    public var host: String
    public var pid: Int
    /// Kinds it claims (nil: every kind) and jobs it runs at once.
    public var kinds: [String]?
    public var slots: Int
    /// Jobs held at its last heartbeat, and running jobs whose lease it holds now.
    public var running: Int
    public var leases: Int
    public var startedAt: Date
    public var heartbeatAt: Date
    public var stoppedAt: Date?
    public var state: State

    init(row: PostgresRow) throws(PostgresError) {
        worker = try row.decode(String.self, "worker_id")
        host = try row.decode(String.self, "host")
        pid = try row.decode(Int.self, "pid")
        kinds = try row.decode([String]?.self, "kinds")
        slots = try row.decode(Int.self, "slots")
        running = try row.decode(Int.self, "running")
        leases = try row.decode(Int.self, "leases")
        startedAt = try row.decode(Date.self, "started_at")
        heartbeatAt = try row.decode(Date.self, "heartbeat_at")
        stoppedAt = try row.decode(Date?.self, "stopped_at")
        state = State(rawValue: try row.decode(String.self, "state")) ?? .lost
    }
}
