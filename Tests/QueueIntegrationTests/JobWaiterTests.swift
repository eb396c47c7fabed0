import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

/// Counts calls from the waiter's thread (thread-safe).
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func record() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// `--wait` against a real server (issue 16): it survives a database that drops its connections, stops
/// on a job failing again and again with the same error, and stops at its timeout.
@Suite("Job waiter against a real server")
struct JobWaiterTests {
    /// Terminates every other backend of the test database (what a restart does to clients).
    static func terminateOtherBackends(_ db: PostgresConnection) throws -> Int {
        try db.query("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """).first?.decode(Int.self, at: 0) ?? 0
    }

    @Test func waitSurvivesTerminatedConnectionsAndCompletes() async throws {
        try await TestDatabase.withFresh { db in
            let id = try #require(try await db.withConnection { try JobQueue($0).enqueue(JobRequest(kind: "count")).id })
            let problems = CallCounter(), reports = CallCounter()
            var waiter = JobWaiter(ids: [id], pollSeconds: 0.05)
            waiter.reconnect = ReconnectPolicy(initialDelaySeconds: 0.05, maximumDelaySeconds: 0.2, maximumAttempts: 50)
            let waiting = Task {
                try await waiter.wait(db.factory, report: { _ in reports.record() }, onConnectionProblem: { _, _ in problems.record() })
            }
            // Once the waiter is polling, kill its connection until it has noticed twice (it reconnects
            // each time). The deadline only bounds a broken waiter; a loaded machine needs it long.
            let killer = db.factory
            try await BlockingThread.run {
                let admin = try killer.connect()
                let deadline = Date().addingTimeInterval(120)
                while reports.value == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
                while problems.value < 2 && Date() < deadline {
                    _ = try Self.terminateOtherBackends(admin)
                    Thread.sleep(forTimeInterval: 0.02)
                }
                try admin.execute("UPDATE job SET state = 'completed', finished_at = now() WHERE id = $1", [id])
            }
            let snapshot = try await waiting.value
            #expect(problems.value >= 2)
            #expect(snapshot.finished && snapshot.completed == 1 && snapshot.failures.isEmpty)
        }
    }

    @Test func waitGivesUpOnAJobFailingWithTheSameErrorAndNamesIt() async throws {
        try await TestDatabase.withFresh { db in
            let id = try #require(try await db.withConnection {
                try JobQueue($0).enqueue(JobRequest(kind: "fail", payload: JSONB("{\"message\": \"input is broken\"}"), maxAttempts: 1000)).id
            })
            let waiting = Task { try await JobWaiter(ids: [id], pollSeconds: 0.05).wait(db.factory, report: { _ in }) }
            // Retries every 0.2-0.3 s: the 1000 attempts would take over 4 minutes, so a waiter that only
            // stopped at dead jobs would end with reason .dead long after this one gives up.
            let worker = Worker(configuration: WorkerConfiguration(
                                    kinds: ["fail"], concurrency: 1, pollIntervalSeconds: 0.05,
                                    retryPolicy: RetryPolicy(baseSeconds: 0.2, multiplier: 2, maximumSeconds: 0.3, jitterFraction: 0.1)),
                                registry: .builtin, database: db.factory, logger: TestDatabase.quietLogger)
            let working = Task { try await worker.run() }
            let snapshot = try await waiting.value
            worker.stop()
            try await working.value
            #expect(snapshot.finished && snapshot.failing == 1 && snapshot.dead == 0)
            let failure = try #require(snapshot.failures.first)
            #expect(failure.id == id && failure.kind == "fail" && failure.reason == .failing)
            #expect(failure.error == "input is broken")
            #expect(failure.attempt >= 3 && failure.maxAttempts == 1000)
        }
    }

    @Test func deadAndCancelledJobsAreReportedWithTheirKindAndError() async throws {
        try await TestDatabase.withFresh { db in
            let (dead, cancelled) = try await db.withConnection { connection in
                let queue = JobQueue(connection)
                let dead = try queue.enqueue(JobRequest(kind: "fail", payload: JSONB("{\"message\": \"no such file\", \"permanent\": true}"))).id ?? -1
                let cancelled = try queue.enqueue(JobRequest(kind: "count")).id ?? -1
                try queue.cancel(id: cancelled)
                return (dead, cancelled)
            }
            try await Worker(configuration: .test(kinds: ["fail"]), registry: .builtin, database: db.factory, logger: TestDatabase.quietLogger).run()
            let snapshot = try await JobWaiter(ids: [dead, cancelled], pollSeconds: 0.05).wait(db.factory, report: { _ in })
            #expect(snapshot.finished && snapshot.dead == 1 && snapshot.cancelled == 1)
            #expect(snapshot.failures.map(\.reason) == [.dead, .cancelled])
            #expect(snapshot.failures.first?.error == "no such file" && snapshot.failures.first?.kind == "fail")
        }
    }

    @Test func aJobDeletedWhileWaitedForEndsTheWait() async throws {
        try await TestDatabase.withFresh { db in
            let id = try #require(try await db.withConnection { try JobQueue($0).enqueue(JobRequest(kind: "count")).id })
            _ = try await db.withConnection { try $0.execute("DELETE FROM job WHERE id = $1", [id]) }
            let snapshot = try await JobWaiter(ids: [id], pollSeconds: 0.05, timeoutSeconds: 10).wait(db.factory, report: { _ in })
            #expect(snapshot.finished && !snapshot.timedOut)
            #expect(snapshot.failures.map(\.reason) == [.missing])
            #expect(snapshot.failures.first?.line(repeatedErrors: 3) == "job \(id) (?) no longer in the queue (deleted): no error recorded")
        }
    }

    @Test func waitStopsAtItsTimeoutWithTheJobsUnfinished() async throws {
        try await TestDatabase.withFresh { db in
            let id = try #require(try await db.withConnection { try JobQueue($0).enqueue(JobRequest(kind: "count")).id })
            let snapshot = try await JobWaiter(ids: [id], pollSeconds: 0.05, timeoutSeconds: 0.3).wait(db.factory, report: { _ in })
            #expect(snapshot.timedOut && !snapshot.finished && snapshot.waiting == 1)
            #expect(snapshot.elapsedSeconds >= 0.3)
        }
    }
}
