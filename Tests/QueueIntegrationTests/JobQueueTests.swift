import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

@Suite("JobQueue operations against a real server")
struct JobQueueTests {
    @Test func expiredLeaseIsRescuedAndTheFirstWorkersLateCompleteIsRefused() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                let id = try #require(try queue.enqueue(JobRequest(kind: "noop", maxAttempts: 3)).id)
                let first = try #require(try queue.claim(kinds: ["noop"], limit: 1, owner: "worker-a", leaseSeconds: 30).first)
                #expect(first.id == id && first.attempt == 1)
                // worker-a stops heartbeating; an hour later (injected time) the lease has expired.
                #expect(try queue.rescueExpired(asOf: Date().addingTimeInterval(3600)) == [id])
                let second = try #require(try queue.claim(kinds: ["noop"], limit: 1, owner: "worker-b", leaseSeconds: 30).first)
                #expect(second.id == id && second.attempt == 2)
                // worker-a wakes up: its heartbeat, completion and failure are all refused.
                #expect(try queue.heartbeat([.init(first)], progress: [nil], owner: "worker-a", leaseSeconds: 30).isEmpty)
                #expect(try queue.complete([.init(first)], owner: "worker-a").isEmpty)
                #expect(try queue.fail(.init(first), owner: "worker-a", error: "late", retryAfterSeconds: nil) == false)
                #expect(try queue.complete([.init(second)], owner: "worker-b") == [id])
                let job = try #require(try queue.job(id: id))
                #expect(job.state == .completed && job.attempt == 2)
                #expect(job.errors.text.contains("lease expired: worker worker-a stopped heartbeating"))
            }
        }
    }

    /// A worker's heartbeat and its batch completion update the same job rows from two connections; each
    /// locks its rows in id order, so neither can hold one row while waiting for a lower one (they
    /// deadlocked under load, and the completion that lost was rescued and the job run twice).
    @Test func aBatchCompletionLocksItsJobsInIDOrder() async throws {
        try await TestDatabase.withFresh { db in
            let factory = db.factory
            let (low, high) = try await db.withConnection { connection -> (JobQueue.Lease, JobQueue.Lease) in
                let queue = JobQueue(connection)
                try queue.enqueue(batch: [JobRequest(kind: "noop"), JobRequest(kind: "noop")])
                let jobs = try queue.claim(kinds: ["noop"], limit: 2, owner: "w", leaseSeconds: 60).sorted { $0.id < $1.id }
                // A heartbeat of the lower id alone moves its row version after the higher one in the heap,
                // so a scan of the table meets the higher id first.
                _ = try queue.heartbeat([JobQueue.Lease(jobs[0])], progress: [nil], owner: "w", leaseSeconds: 60)
                return (JobQueue.Lease(jobs[0]), JobQueue.Lease(jobs[1]))
            }
            let holder = try factory.connect()
            try holder.execute("BEGIN")
            _ = try holder.query("SELECT id FROM job WHERE id = $1 FOR UPDATE", [low.id])
            // The completion lists the higher id first; it must still wait for the lower one before locking it.
            async let completed = factory.withConnection { try JobQueue($0).complete([high, low], owner: "w") }
            // Watched from a third connection: the holder's transaction sees a frozen pg_stat_activity.
            let probe = try factory.connect()
            var waiting = 0
            for _ in 0..<800 where waiting == 0 {
                try await Task.sleep(for: .milliseconds(25))
                waiting = try probe.query("""
                    SELECT count(*)::int8 AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%state = ''completed''%'
                    """).rows[0].decode(Int.self, "n")
            }
            let highWasFree = (try? probe.query("SELECT id FROM job WHERE id = $1 FOR UPDATE NOWAIT", [high.id])) != nil
            try holder.execute("ROLLBACK")
            #expect(waiting == 1)
            #expect(highWasFree)
            #expect(try await completed == [low.id, high.id])
        }
    }

    @Test func longRunningJobWithLiveHeartbeatIsNeverRescued() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                try queue.enqueue(JobRequest(kind: "noop"))
                let job = try #require(try queue.claim(kinds: nil, limit: 1, owner: "w", leaseSeconds: 60).first)
                #expect(try queue.heartbeat([.init(job)], progress: ["{\"done\": 5, \"total\": 10}"], owner: "w", leaseSeconds: 60) == [job.id])
                #expect(try queue.rescueExpired(asOf: Date().addingTimeInterval(30)).isEmpty)
                #expect(try queue.job(id: job.id)?.progress.text == "{\"done\": 5, \"total\": 10}")
            }
        }
    }

    @Test func rescueOnTheLastAttemptMakesTheJobDead() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                let id = try #require(try queue.enqueue(JobRequest(kind: "noop", maxAttempts: 1)).id)
                _ = try queue.claim(kinds: nil, limit: 1, owner: "w", leaseSeconds: 1)
                #expect(try queue.rescueExpired(asOf: Date().addingTimeInterval(60)) == [id])
                #expect(try queue.job(id: id)?.state == .dead)
            }
        }
    }

    @Test func uniqueKeysMakeDoubleEnqueueANoOp() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                let first = try queue.enqueue(JobRequest(kind: "noop", uniqueKey: "ingest:abc", uniqueScope: .forever))
                let again = try queue.enqueue(JobRequest(kind: "noop", uniqueKey: "ingest:abc", uniqueScope: .forever))
                #expect(first.inserted && !again.inserted && again.id == first.id)
                #expect(try queue.enqueue(batch: [JobRequest(kind: "noop", uniqueKey: "ingest:abc"),
                                                  JobRequest(kind: "noop", uniqueKey: "ingest:def"),
                                                  JobRequest(kind: "noop", uniqueKey: "ingest:def")]) == 1)
                // Forever keys stay taken after completion; active keys free up.
                let active = try queue.enqueue(JobRequest(kind: "noop", uniqueKey: "refresh", uniqueScope: .active))
                let claimed = try queue.claim(kinds: nil, limit: 10, owner: "w", leaseSeconds: 30)
                try queue.complete(claimed.map(JobQueue.Lease.init), owner: "w")
                #expect(try queue.enqueue(JobRequest(kind: "noop", uniqueKey: "ingest:abc", uniqueScope: .forever)).inserted == false)
                let refreshed = try queue.enqueue(JobRequest(kind: "noop", uniqueKey: "refresh", uniqueScope: .active))
                #expect(refreshed.inserted && refreshed.id != active.id)
            }
        }
    }

    @Test func claimTakesHighestPriorityThenOldestAndSkipsFutureJobs() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                let low = try queue.enqueue(JobRequest(kind: "noop", priority: 0)).id
                let high = try queue.enqueue(JobRequest(kind: "noop", priority: 5)).id
                try queue.enqueue(JobRequest(kind: "noop", priority: 9, delaySeconds: 3600))
                let claimed = try queue.claim(kinds: ["noop"], limit: 10, owner: "w", leaseSeconds: 30)
                #expect(claimed.map(\.id) == [high, low].compactMap { $0 })
            }
        }
    }

    @Test func cancelAndRetryMoveJobsBetweenStates() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                let id = try #require(try queue.enqueue(JobRequest(kind: "noop")).id)
                #expect(try queue.cancel(id: id))
                #expect(try queue.cancel(id: id) == false)
                #expect(try queue.job(id: id)?.state == .cancelled)
                #expect(try queue.retry(id: id))
                let job = try #require(try queue.job(id: id))
                #expect(job.state == .available && job.attempt == 0)
                let summary = try queue.summary()
                #expect(summary.map { "\($0.kind) \($0.state.rawValue) \($0.count)" } == ["noop available 1"])
            }
        }
    }
}
