import Foundation
import Logging
import Primitives
import ServiceLifecycle
import Store

/// Claims and runs jobs of the registered kinds: a `Service` for a `ServiceGroup`.
///
/// ## Threads, not the cooperative pool
/// libpq calls block, and handlers may compute for hours on every core. Swift's cooperative pool
/// has one thread per core (two here), so neither may run on it. The worker therefore runs:
/// - one `Thread` per slot (``WorkerConfiguration/concurrency``), each with its own connection:
///   claim a batch, run the handlers, write the outcomes;
/// - one heartbeat `Thread` with its own connection, extending the leases of every held job every
///   ``WorkerConfiguration/heartbeatIntervalSeconds`` (and storing progress) and sweeping expired
///   leases of any worker every ``WorkerConfiguration/rescueIntervalSeconds``. Because it is a
///   separate thread, a handler saturating the CPU or blocking cannot starve it (the OS
///   schedules it); only a stopped process stops heartbeating, and only then is a job rescued;
/// - one listener `Thread` that `LISTEN`s on ``JobQueue/channel`` and wakes idle slots
///   (polling every ``WorkerConfiguration/pollIntervalSeconds`` is the fallback).
/// `run()` only waits (on a continuation) for those threads, so it occupies no pool thread.
///
/// ## Shutdown and failures
/// On graceful shutdown or cancellation the slots stop claiming; running handlers see
/// ``JobContext/isCancelled`` and may stop (``JobHandlerError/interrupted``) or finish; every
/// unfinished job is released to `available` without consuming an attempt, so no job is left
/// `running`. A lost database connection is re-established with backoff by each thread.
/// Outcomes are guarded by attempt and lease owner, so a job rescued from this worker cannot be
/// completed by it afterwards.
public final class Worker: Service, Sendable {
    /// Settings.
    public let configuration: WorkerConfiguration
    /// Handlers by kind.
    public let registry: JobHandlerRegistry
    /// Connections for slots, heartbeat, listener and handlers.
    public let database: PostgresConnectionFactory
    /// Logger (with `worker` metadata).
    public let logger: Logger
    let signal = WorkerSignal()
    let active = ActiveJobs()

    /// A worker; nothing runs until ``run()``.
    public init(configuration: WorkerConfiguration, registry: JobHandlerRegistry, database: PostgresConnectionFactory,
                logger: Logger = Logger(label: "slam.worker")) {
        self.configuration = configuration
        self.registry = registry
        self.database = database
        var logger = logger
        logger[metadataKey: "worker"] = .string(configuration.workerID)
        self.logger = logger
    }

    /// Runs until graceful shutdown, cancellation, or (with `untilEmpty`) a drained queue.
    /// Throws if the database cannot be reached at start (a clear ``PostgresError``).
    public func run() async throws {
        let (factory, configuration, logger) = (database, self.configuration, self.logger)
        // Connects once (a database that is not there fails here, not in every thread) and reports the worker.
        _ = try await BlockingThread.run(name: "slam-worker-check") { () throws -> Bool in
            let connection = try factory.connect()
            do {
                try WorkerRegistry(connection).beat(configuration, running: 0)
            } catch {
                logger.warning("could not report the worker in table worker: \(error)")
            }
            return true
        }
        logger.info("worker started: kinds \(configuration.kinds?.joined(separator: ",") ?? "all"), concurrency \(configuration.concurrency)")
        var bodies: [(String, @Sendable () -> Void)] = []
        for slot in 0..<configuration.concurrency {
            bodies.append(("slam-slot-\(slot)", { [self] in WorkerSlot(worker: self, index: slot).run() }))
        }
        bodies.append(("slam-heartbeat", { [self] in self.heartbeatLoop() }))
        bodies.append(("slam-listener", { [self] in self.listenerLoop() }))
        let signal = self.signal
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await ThreadGroup.run(bodies) { signal.stop() }
            } onCancel: {
                signal.stop()
            }
        } onGracefulShutdown: {
            signal.stop()
        }
        // One attempt, without the factory's reconnect backoff: a worker cut off from the database stops now.
        _ = try? await BlockingThread.run(name: "slam-worker-stopped") { () throws -> Bool in
            do {
                try WorkerRegistry(try PostgresConnection(configuration: factory.configuration, logger: logger)).stopped(configuration.workerID)
            } catch {
                logger.warning("could not mark the worker stopped in table worker: \(error)")
            }
            return true
        }
        logger.info("worker stopped")
    }

    /// Asks the worker to stop (as graceful shutdown does).
    public func stop() { signal.stop() }
}

/// Runs bodies on their own threads and returns when all have ended.
enum ThreadGroup {
    /// Starts every body on a new `Thread`; when any body ends, `onFirstExit` runs (so a drained
    /// slot stops the others); returns once all have ended.
    static func run(_ bodies: [(String, @Sendable () -> Void)], onFirstExit: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let remaining = LockedValue(bodies.count)
            for (name, body) in bodies {
                let thread = Thread {
                    body()
                    onFirstExit()
                    if remaining.add(-1) == 0 { continuation.resume() }
                }
                thread.name = name
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
    }
}
