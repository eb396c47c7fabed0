import Foundation
import Logging
import Store

extension Worker {
    /// The heartbeat thread: refreshes the worker's row in `worker` (``WorkerRegistry``) once per heartbeat
    /// interval, extends leases of held jobs (marking lost ones so their handlers see
    /// ``JobContext/isCancelled``), sweeps expired leases of any worker, and stops the worker when its
    /// ``WorkerConfiguration/maxRuntimeSeconds`` are up.
    func heartbeatLoop() {
        let connection = ResilientConnection(factory: database, signal: signal, logger: logger, role: "heartbeat")
        var lastRescue = Date.distantPast
        var lastReport = Date()  // run() reported the worker as it started
        let deadline = configuration.maxRuntimeSeconds.map { Date().addingTimeInterval($0) }
        while !signal.isStopping {
            if let deadline, Date() >= deadline {
                logger.notice("maximum runtime of \(configuration.maxRuntimeSeconds ?? 0) s reached; stopping (running jobs are released)")
                signal.stop()
                break
            }
            let entries = active.snapshot
            if Date().timeIntervalSince(lastReport) >= configuration.heartbeatIntervalSeconds {
                lastReport = Date()
                do {
                    _ = try connection.perform { try WorkerRegistry($0).beat(configuration, running: entries.count) }
                } catch {
                    logger.warning("could not report the worker in table worker: \(error)")
                }
            }
            if !entries.isEmpty {
                let leases = entries.map(\.lease)
                let progress = entries.map { $0.takeProgress() }
                do {
                    if let held = try connection.perform({ try JobQueue($0).heartbeat(
                        leases, progress: progress, owner: configuration.workerID, leaseSeconds: configuration.leaseSeconds) }) {
                        for entry in entries where !held.contains(entry.lease.id) && !entry.isLost {
                            entry.markLost()
                        }
                    }
                } catch {
                    logger.error("heartbeat failed: \(error)")
                }
            }
            if Date().timeIntervalSince(lastRescue) >= configuration.rescueIntervalSeconds {
                lastRescue = Date()
                do {
                    if let rescued = try connection.perform({ try JobQueue($0).rescueExpired() }), !rescued.isEmpty {
                        logger.warning("rescued \(rescued.count) jobs with expired leases: \(rescued.prefix(10).map(String.init).joined(separator: ", "))")
                        signal.wake()
                    }
                } catch {
                    logger.error("rescue failed: \(error)")
                }
            }
            let untilDeadline = deadline.map { max(0.01, $0.timeIntervalSinceNow) } ?? .infinity
            signal.wait(seconds: min(configuration.heartbeatIntervalSeconds, configuration.rescueIntervalSeconds, untilDeadline))
        }
    }

    /// The listener thread: `LISTEN slam_job`; wakes idle slots on a notification for a kind we run.
    func listenerLoop() {
        let connection = ResilientConnection(factory: database, signal: signal, logger: logger, role: "listener")
        let kinds = configuration.kinds.map(Set.init)
        var listening = false
        while !signal.isStopping {
            do {
                let received = try connection.perform { live -> [PostgresNotification] in
                    if !listening {
                        try live.listen(JobQueue.channel)
                        listening = true
                    }
                    do {
                        return try live.waitForNotifications(timeoutSeconds: 0.1)
                    } catch {
                        listening = false
                        throw error
                    }
                }
                guard let received else { break }
                if received.contains(where: { $0.payload.isEmpty || kinds == nil || kinds?.contains($0.payload) == true }) {
                    signal.wake()
                }
            } catch {
                listening = false
                connection.drop()
                logger.error("listener failed: \(error)")
                signal.wait(seconds: 1)
            }
        }
    }
}
