import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

/// Kind `fenced_write`: records its attempt in `fence_result` and completes the job in the same
/// transaction, behind the lease fence. It signals `started`, then waits for `resume` before writing,
/// so a test can take the job away from it meanwhile.
struct FencedWriteHandler: JobHandler {
    var kind: String { "fenced_write" }
    let started = DispatchSemaphore(value: 0)
    let resume = DispatchSemaphore(value: 0)

    func run(_ job: Job, context: JobContext) throws {
        started.signal()
        resume.wait()
        let db = try context.database.connect()
        try db.transaction { db in
            try db.execute("INSERT INTO fence_result (job_id, attempt) VALUES ($1, $2)", [job.id, job.attempt])
            try context.fence.complete(db)
        }
    }
}

@Suite("Lease fence against a real server")
struct JobFenceTests {
    static func createResults(_ db: TestDatabase) async throws {
        try await db.withConnection { try $0.executeScript("CREATE TABLE fence_result (job_id bigint, attempt int)", name: "create fence_result") }
    }

    @Test func theFenceRefusesAnAttemptThatNoLongerHoldsTheJob() async throws {
        try await TestDatabase.withFresh { db in
            try await Self.createResults(db)
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                try queue.enqueue(JobRequest(kind: "k"))
                let first = try #require(try queue.claim(kinds: ["k"], limit: 1, owner: "a", leaseSeconds: 60).first)
                _ = try queue.rescueExpired(asOf: Date().addingTimeInterval(3600))
                let second = try #require(try queue.claim(kinds: ["k"], limit: 1, owner: "b", leaseSeconds: 60).first)
                do {
                    try connection.transaction { tx in
                        try tx.execute("INSERT INTO fence_result VALUES ($1, $2)", [first.id, first.attempt])
                        try JobQueue(tx).fence(.init(first), owner: "a", leaseSeconds: 60)
                    }
                    Issue.record("the rescued attempt passed the fence")
                } catch let error as PostgresError {
                    #expect(error.isLeaseLost, "\(error)")
                }
                #expect(try connection.query("SELECT count(*) FROM fence_result").first?.decode(Int.self, at: 0) == 0,
                        "the refused transaction is rolled back")
                try connection.transaction { tx in
                    try tx.execute("INSERT INTO fence_result VALUES ($1, $2)", [second.id, second.attempt])
                    try JobQueue(tx).completeInTransaction(.init(second), owner: "b", progress: #"{"done": 1}"#)
                }
                let job = try #require(try queue.job(id: second.id))
                #expect(job.state == .completed)
                #expect(try connection.query("SELECT attempt FROM fence_result").rows.map { try $0.decode(Int.self, at: 0) } == [2])
                #expect(try queue.complete([.init(second)], owner: "b").isEmpty, "a completed job cannot be completed twice")
            }
        }
    }

    @Test func theFenceExtendsTheLeaseSoNoRescueSlipsInBeforeCompletion() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                try queue.enqueue(JobRequest(kind: "k"))
                let job = try #require(try queue.claim(kinds: ["k"], limit: 1, owner: "a", leaseSeconds: 1).first)
                try connection.transaction { tx in try JobQueue(tx).fence(.init(job), owner: "a", leaseSeconds: 600) }
                #expect(try queue.rescueExpired(asOf: Date().addingTimeInterval(60)).isEmpty)
            }
        }
    }

    @Test func aWorkerPausedPastItsLeaseWritesNothingAndRecordsNothing() async throws {
        try await TestDatabase.withFresh { db in
            try await Self.createResults(db)
            let id = try #require(try await db.withConnection { try JobQueue($0).enqueue(JobRequest(kind: "fenced_write")).id })
            let handler = FencedWriteHandler()
            let worker = Worker(configuration: .test(kinds: ["fenced_write"], concurrency: 1, untilEmpty: false), registry: JobHandlerRegistry([handler]),
                                database: db.factory, logger: TestDatabase.quietLogger)
            let running = Task { try await worker.run() }
            // The handler is running (on the worker's only slot, so the worker cannot claim the job back);
            // the job is rescued and claimed by another worker meanwhile.
            try await BlockingThread.run(name: "wait-started") { handler.started.wait() }
            let taken = try await db.withConnection { connection in
                let queue = JobQueue(connection)
                _ = try queue.rescueExpired(asOf: Date().addingTimeInterval(3600))
                return try #require(try queue.claim(kinds: ["fenced_write"], limit: 1, owner: "other", leaseSeconds: 600).first)
            }
            #expect(taken.id == id && taken.attempt == 2)
            handler.resume.signal()
            // The first worker's write is refused, and it writes no outcome over the other worker's attempt.
            try await Task.sleep(for: .milliseconds(500))
            worker.stop()
            try await running.value
            #expect(try await db.count("SELECT count(*) FROM fence_result") == 0)
            let job = try #require(try await db.withConnection { try JobQueue($0).job(id: id) })
            #expect(job.state == .running && job.leaseOwner == "other" && job.attempt == 2)
            #expect(job.lastError == nil || job.lastError?.contains("lease expired") == true, "no failure recorded for the refused attempt")
        }
    }

    @Test func aHandlerThatCompletesWithItsResultsIsCompletedOnce() async throws {
        try await TestDatabase.withFresh { db in
            try await Self.createResults(db)
            let id = try #require(try await db.withConnection { try JobQueue($0).enqueue(JobRequest(kind: "fenced_write")).id })
            let handler = FencedWriteHandler()
            handler.resume.signal()
            let worker = Worker(configuration: .test(kinds: ["fenced_write"]), registry: JobHandlerRegistry([handler]),
                                database: db.factory, logger: TestDatabase.quietLogger)
            try await worker.run()
            let job = try #require(try await db.withConnection { try JobQueue($0).job(id: id) })
            #expect(job.state == .completed && job.attempt == 1)
            #expect(try await db.count("SELECT count(*) FROM fence_result") == 1)
        }
    }
}
