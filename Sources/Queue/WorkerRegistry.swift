import Foundation
import Store

/// The `worker` table (migration 0030): each worker process reports itself when it starts, at every
/// heartbeat, and when it stops, so that idle workers are visible too (a lease shows only busy ones).
public struct WorkerRegistry {
    public let connection: PostgresConnection

    public init(_ connection: PostgresConnection) { self.connection = connection }

    /// Inserts or refreshes the row of worker `configuration.workerID`: its last heartbeat is now and it
    /// holds `running` jobs.
    public func beat(_ configuration: WorkerConfiguration, running: Int) throws(PostgresError) {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        try connection.execute("""
            INSERT INTO worker (worker_id, host, pid, kinds, slots, running, heartbeat_seconds)
            VALUES (\(configuration.workerID), \(host), \(Int(getpid())), \(configuration.kinds)::text[], \(configuration.concurrency),
                    \(running), \(configuration.heartbeatIntervalSeconds))
            ON CONFLICT (worker_id) DO UPDATE SET running = EXCLUDED.running, heartbeat_at = now(), stopped_at = NULL
            """, name: "worker_beat")
    }

    /// Marks worker `workerID` stopped.
    public func stopped(_ workerID: String) throws(PostgresError) {
        try connection.execute("UPDATE worker SET stopped_at = now(), running = 0 WHERE worker_id = \(workerID)", name: "worker_stopped")
    }
}
