import Foundation
import Logging
import Primitives
import ServiceLifecycle
import Store

/// The worker's scheduler: a `Service` that, every ``intervalSeconds``, enqueues due schedules
/// (``ScheduleStore/enqueueDue(asOf:)``). Any number may run (one per worker process): each fire
/// time is enqueued exactly once. Its database work runs on its own thread with its own
/// connection (reconnecting with backoff), never on the cooperative pool.
public final class Scheduler: Service, Sendable {
    /// Where schedules and jobs live.
    public let database: PostgresConnectionFactory
    /// Seconds between checks for due schedules.
    public let intervalSeconds: Double
    /// Logger for enqueued fires and errors.
    public let logger: Logger
    let signal = WorkerSignal()

    /// A scheduler checking every `intervalSeconds` (default 15 s).
    public init(database: PostgresConnectionFactory, intervalSeconds: Double = 15, logger: Logger = Logger(label: "slam.scheduler")) {
        self.database = database
        self.intervalSeconds = intervalSeconds
        self.logger = logger
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        let signal = self.signal
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await ThreadGroup.run([("slam-scheduler", { [self] in self.loop() })]) { signal.stop() }
            } onCancel: {
                signal.stop()
            }
        } onGracefulShutdown: {
            signal.stop()
        }
    }

    func loop() {
        let connection = ResilientConnection(factory: database, signal: signal, logger: logger, role: "scheduler")
        while !signal.isStopping {
            do {
                let fires = try connection.perform { try ScheduleStore($0).enqueueDue() } ?? []
                for fire in fires where fire.inserted {
                    logger.info("schedule \(fire.name): enqueued job \(fire.jobID.map(String.init) ?? "?") for \(CivilDate.minuteString(fire.fireTime))")
                }
            } catch {
                logger.error("scheduler: \(error)")
            }
            signal.wait(seconds: intervalSeconds)
        }
    }
}
