import Foundation
@testable import Queue
import Store
import StoreTestSupport
import Testing

/// One slot's loop: claims, runs and records each job's outcome, stops when the queue is drained,
/// and gives back unstarted jobs when the worker is stopping.
@Suite("Worker slot")
struct WorkerSlotTests {
    func makeWorker(_ db: TestDatabase, counter: RunCounter, batch: Int = 10) -> Worker {
        var registry = JobHandlerRegistry.builtin
        registry.register(CountingHandler(counter: counter))
        return Worker(configuration: .test(batch: batch), registry: registry, database: db.factory, logger: TestDatabase.quietLogger)
    }

    @Test func aSlotRunsEveryJobRecordsEachOutcomeAndStopsWhenDrained() async throws {
        try await TestDatabase.withFresh { db in
            let (counted, unknown, permanent) = try await db.withConnection { connection in
                let queue = JobQueue(connection)
                return (try queue.enqueue(JobRequest(kind: "count")).id ?? -1,
                        try queue.enqueue(JobRequest(kind: "no_such_kind")).id ?? -1,
                        try queue.enqueue(JobRequest(kind: "fail", payload: JSONB("{\"message\": \"bad\", \"permanent\": true}"))).id ?? -1)
            }
            let counter = RunCounter()
            let worker = makeWorker(db, counter: counter)
            try await BlockingThread.run { WorkerSlot(worker: worker, index: 0).run() }
            #expect(worker.signal.isStopping)
            #expect(worker.active.count == 0)
            #expect(counter.snapshot == [counted: 1])
            let jobs = try await db.withConnection { connection in
                try [counted, unknown, permanent].map { try JobQueue(connection).job(id: $0) }
            }
            #expect(jobs.map { $0?.state } == [.completed, .dead, .dead])
            #expect(jobs[1]?.lastError == "no handler registered for job kind \"no_such_kind\"")
            #expect(jobs[2]?.lastError == "bad")
        }
    }

    @Test func aStoppedSlotClaimsNothing() async throws {
        try await TestDatabase.withFresh { db in
            let id = try await db.withConnection { try JobQueue($0).enqueue(JobRequest(kind: "count")).id ?? -1 }
            let counter = RunCounter()
            let worker = makeWorker(db, counter: counter)
            worker.signal.stop()
            try await BlockingThread.run { WorkerSlot(worker: worker, index: 0).run() }
            let job = try await db.withConnection { try JobQueue($0).job(id: id) }
            #expect(job?.state == .available)
            #expect(job?.attempt == 0)
            #expect(counter.snapshot.isEmpty)
        }
    }

    @Test func claimedJobsNotStartedBeforeStopAreReleasedWithoutUsingAnAttempt() async throws {
        try await TestDatabase.withFresh { db in
            let counter = RunCounter()
            let worker = makeWorker(db, counter: counter)
            let owner = worker.configuration.workerID
            let claimed = try await db.withConnection { connection in
                let queue = JobQueue(connection)
                _ = try queue.enqueue(batch: [JobRequest(kind: "count"), JobRequest(kind: "count")])
                return try queue.claim(kinds: ["count"], limit: 10, owner: owner, leaseSeconds: 60)
            }
            #expect(claimed.count == 2)
            worker.signal.stop()
            try await BlockingThread.run { WorkerSlot(worker: worker, index: 0).runBatch(claimed) }
            #expect(counter.snapshot.isEmpty)
            #expect(worker.active.count == 0)
            #expect(try await db.count("SELECT count(*) FROM job WHERE state = 'available' AND attempt = 0 AND lease_owner IS NULL") == 2)
        }
    }
}
