import Foundation
import Logging
import Store

/// One worker slot: a loop on its own thread that claims a batch, runs each job's handler and
/// writes the outcomes (completions of a batch in one statement). Not Sendable: lives on its thread.
final class WorkerSlot {
    let worker: Worker
    let index: Int
    let connection: ResilientConnection
    var logger: Logger
    var pendingCompletions: [(entry: ActiveJobEntry, job: Job)] = []

    init(worker: Worker, index: Int) {
        self.worker = worker
        self.index = index
        var logger = worker.logger
        logger[metadataKey: "slot"] = .stringConvertible(index)
        self.logger = logger
        self.connection = ResilientConnection(factory: worker.database, signal: worker.signal, logger: logger, role: "slot \(index)")
    }

    var configuration: WorkerConfiguration { worker.configuration }

    func run() {
        while !worker.signal.isStopping {
            let generation = worker.signal.generation
            let jobs: [Job]
            do {
                guard let claimed = try connection.perform({ try JobQueue($0).claim(
                    kinds: configuration.kinds, limit: configuration.claimBatchSize,
                    owner: configuration.workerID, leaseSeconds: configuration.leaseSeconds) }) else { break }
                jobs = claimed
            } catch {
                logger.error("claim failed: \(error)")
                worker.signal.wait(seconds: configuration.pollIntervalSeconds)
                continue
            }
            if jobs.isEmpty {
                if configuration.untilEmpty, isDrained() {
                    logger.info("queue drained for kinds \(configuration.kinds?.joined(separator: ",") ?? "all"); stopping")
                    worker.signal.stop()
                    break
                }
                worker.signal.wait(since: generation, seconds: configuration.pollIntervalSeconds)
                continue
            }
            runBatch(jobs)
        }
    }

    func isDrained() -> Bool {
        let drained = try? connection.perform { try JobQueue($0).isDrained(kinds: configuration.kinds,
                                                                           horizonSeconds: configuration.untilEmptyHorizonSeconds) }
        return (drained ?? nil) ?? false
    }

    func runBatch(_ jobs: [Job]) {
        let entries = jobs.map { ActiveJobEntry(lease: JobQueue.Lease($0), stop: worker.signal) }
        entries.forEach(worker.active.add)
        var lastFlush = Date()
        for (job, entry) in zip(jobs, entries) {
            if worker.signal.isStopping {
                apply(.notStarted, job: job, entry: entry)
                continue
            }
            let outcome = execute(job, entry: entry)
            apply(outcome, job: job, entry: entry)
            if Date().timeIntervalSince(lastFlush) > 0.2 {
                flushCompletions()
                lastFlush = Date()
            }
        }
        flushCompletions()
    }

    func execute(_ job: Job, entry: ActiveJobEntry) -> JobOutcome {
        var jobLogger = logger
        jobLogger[metadataKey: "job_id"] = .stringConvertible(job.id)
        jobLogger[metadataKey: "job_kind"] = .string(job.kind)
        jobLogger[metadataKey: "attempt"] = .stringConvertible(job.attempt)
        guard let handler = worker.registry.handler(for: job.kind) else {
            return .from(error: JobHandlerError.unknownKind(job.kind))
        }
        let context = JobContext(database: worker.database, logger: jobLogger, entry: entry,
                                 owner: configuration.workerID, leaseSeconds: configuration.leaseSeconds)
        let started = Date()
        let outcome: JobOutcome
        do {
            try handler.run(job, context: context)
            outcome = .succeeded
        } catch {
            outcome = .from(error: error)
        }
        let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        switch outcome {
        case .succeeded: jobLogger.info("job \(job.id) (\(job.kind)) completed in \(milliseconds) ms")
        case let .failed(message, _): jobLogger.warning("job \(job.id) (\(job.kind)) attempt \(job.attempt) failed after \(milliseconds) ms: \(message)")
        case .interrupted, .notStarted: jobLogger.info("job \(job.id) (\(job.kind)) interrupted after \(milliseconds) ms")
        case .leaseLost: jobLogger.warning("job \(job.id) (\(job.kind)) attempt \(job.attempt) lost its lease after \(milliseconds) ms; its results were not written")
        }
        return outcome
    }

    func apply(_ outcome: JobOutcome, job: Job, entry: ActiveJobEntry) {
        let action = JobAction.decide(outcome, attempt: job.attempt, maxAttempts: job.maxAttempts, leaseLost: entry.isLost,
                                      shuttingDown: worker.signal.isStopping, policy: configuration.retryPolicy,
                                      jitter: Double.random(in: 0..<1))
        let owner = configuration.workerID
        let lease = entry.lease
        do {
            switch action {
            case .complete:
                // A handler that completed the job inside its result transaction needs no second write.
                if entry.isCompletedByHandler { break }
                pendingCompletions.append((entry, job))
                return
            case let .retry(delay, error):
                let accepted = try connection.perform(stopAware: false) { try JobQueue($0).fail(lease, owner: owner, error: error, retryAfterSeconds: delay) }
                logRefusal(accepted ?? false, job, "retry")
            case let .kill(error):
                let accepted = try connection.perform(stopAware: false) { try JobQueue($0).fail(lease, owner: owner, error: error, retryAfterSeconds: nil) }
                if accepted == true { logger.error("job \(job.id) (\(job.kind)) is dead after attempt \(job.attempt): \(error)") }
                logRefusal(accepted ?? false, job, "dead")
            case .release:
                let released = try connection.perform(stopAware: false) { try JobQueue($0).release([lease], owner: owner) }
                if released == 1 { logger.info("job \(job.id) (\(job.kind)) released back to available") }
            case .abandon:
                logger.warning("job \(job.id) (\(job.kind)) attempt \(job.attempt) was rescued or cancelled meanwhile; its outcome is discarded")
            }
        } catch {
            logger.error("could not record outcome of job \(job.id): \(error); its lease will expire and it will be rescued")
        }
        worker.active.remove(job.id)
    }

    func flushCompletions() {
        guard !pendingCompletions.isEmpty else { return }
        let batch = pendingCompletions
        pendingCompletions.removeAll()
        let owner = configuration.workerID
        let leases = batch.map(\.entry.lease)
        let progress = batch.map(\.entry.latestProgress)
        do {
            let done = try connection.perform(stopAware: false) { try JobQueue($0).complete(leases, owner: owner, progress: progress) } ?? []
            for item in batch where !done.contains(item.job.id) {
                logRefusal(false, item.job, "completed")
            }
        } catch {
            logger.error("could not record completion of \(batch.count) jobs: \(error); their leases will expire and they will be rescued")
        }
        for item in batch { worker.active.remove(item.job.id) }
    }

    func logRefusal(_ accepted: Bool, _ job: Job, _ what: String) {
        if !accepted {
            logger.warning("job \(job.id) (\(job.kind)) attempt \(job.attempt) could not be marked \(what): it was rescued or cancelled meanwhile")
        }
    }
}
