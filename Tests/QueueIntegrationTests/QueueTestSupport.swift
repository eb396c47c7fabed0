import Foundation
import Logging
import Queue
import Store
import StoreTestSupport

/// Counts runs per job id (thread-safe), to prove each job ran exactly once.
final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [Int: Int] = [:]
    func record(_ id: Int) { lock.withLock { runs[id, default: 0] += 1 } }
    var snapshot: [Int: Int] { lock.withLock { runs } }
}

/// Kind `count`: records the run in a ``RunCounter``.
struct CountingHandler: JobHandler {
    let counter: RunCounter
    var kind: String { "count" }
    func run(_ job: Job, context: JobContext) throws { counter.record(job.id) }
}

/// Kind `block`: waits until cancelled (shutdown or lost lease), then reports interruption.
struct BlockingHandler: JobHandler {
    var kind: String { "block" }
    func run(_ job: Job, context: JobContext) throws {
        while true {
            try context.checkCancellation()
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

extension WorkerConfiguration {
    /// Short polls and leases so tests stay fast.
    static func test(kinds: [String]? = nil, concurrency: Int = 2, batch: Int = 1, untilEmpty: Bool = true) -> WorkerConfiguration {
        WorkerConfiguration(kinds: kinds, concurrency: concurrency, claimBatchSize: batch, leaseSeconds: 5,
                            heartbeatIntervalSeconds: 0.2, pollIntervalSeconds: 0.05, rescueIntervalSeconds: 0.5,
                            retryPolicy: RetryPolicy(baseSeconds: 0.01, multiplier: 2, maximumSeconds: 0.05, jitterFraction: 0.1),
                            untilEmpty: untilEmpty, untilEmptyHorizonSeconds: 1)
    }
}

extension TestDatabase {
    /// Quiet logger for workers under test.
    static var quietLogger: Logger {
        var logger = Logger(label: "slam.test.worker")
        logger.logLevel = .critical
        return logger
    }

    func count(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        return try await withConnection { try $0.query(sql, parameters).first?.decode(Int.self, at: 0) ?? -1 }
    }
}
