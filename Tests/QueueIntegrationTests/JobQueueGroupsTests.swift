import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

/// What other modules ask the queue instead of reading `job`: a group's pending count, the active job of a
/// unique key, and waking a job out of its backoff.
@Suite("Job queue: groups, active jobs by key, wake")
struct JobQueueGroupsTests {
    struct Batch: JobPayload {
        static let kind = "batch"
        var model: Int
        var n: Int
        var groupKey: String? { "model:\(model)" }
    }

    static func secondsUntilRun(_ db: PostgresConnection, id: Int?) throws -> Double {
        try #require(try db.query("SELECT extract(epoch FROM run_after - now())::float8 FROM job WHERE id = $1", [id]).first)
            .decode(Double.self, at: 0)
    }

    @Test func pendingCountCountsAGroupsJobsInTheStatesAsked() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let queue = JobQueue(db)
                for n in 1...3 { try queue.enqueue(JobRequest(Batch(model: 5, n: n))) }
                try queue.enqueue(batch: [try JobRequest(Batch(model: 5, n: 4)), try JobRequest(Batch(model: 6, n: 1))])
                try queue.enqueue(JobRequest(kind: "other", groupKey: "model:5"))
                #expect(try queue.pendingCount(kind: "batch", groupKey: "model:5") == 4)
                #expect(try queue.pendingCount(kind: "batch", groupKey: "model:6") == 1)
                #expect(try queue.pendingCount(kind: "batch", groupKey: "model:7") == 0)
                let claimed = try queue.claim(kinds: ["batch"], limit: 1, owner: "w", leaseSeconds: 60)
                #expect(claimed.first?.groupKey?.hasPrefix("model:") == true, "a claimed job reads its group")
                let running = try #require(claimed.first)
                let group = try #require(running.groupKey)
                #expect(try queue.pendingCount(kind: "batch", groupKey: group) == (group == "model:5" ? 4 : 1))
                #expect(try queue.pendingCount(kind: "batch", groupKey: group, states: [.available]) == (group == "model:5" ? 3 : 0))
                try queue.complete([JobQueue.Lease(running)], owner: "w")
                #expect(try queue.pendingCount(kind: "batch", groupKey: group) == (group == "model:5" ? 3 : 0))
            }
        }
    }

    @Test func activeJobIDFindsOnlyAWaitingOrRunningJobOfTheKind() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let queue = JobQueue(db)
                let first = try queue.enqueue(JobRequest(kind: "cal", uniqueKey: "cal:1", uniqueScope: .active))
                #expect(try queue.activeJobID(kind: "cal", uniqueKey: "cal:1") == first.id)
                #expect(try queue.activeJobID(kind: "other", uniqueKey: "cal:1") == nil)
                #expect(try queue.activeJobID(kind: "cal", uniqueKey: "cal:2") == nil)
                let claimed = try #require(try queue.claim(kinds: ["cal"], limit: 1, owner: "w", leaseSeconds: 60).first)
                #expect(try queue.activeJobID(kind: "cal", uniqueKey: "cal:1") == first.id, "running still counts")
                try queue.complete([JobQueue.Lease(claimed)], owner: "w")
                #expect(try queue.activeJobID(kind: "cal", uniqueKey: "cal:1") == nil)
            }
        }
    }

    @Test func wakeMovesOnlyAWaitingJobDueLater() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let queue = JobQueue(db)
                let late = try queue.enqueue(JobRequest(kind: "cal", delaySeconds: 3600, uniqueKey: "cal:1", uniqueScope: .active))
                let soon = try queue.enqueue(JobRequest(kind: "cal", delaySeconds: 0.1, uniqueKey: "cal:2", uniqueScope: .active))
                #expect(try queue.wake(kind: "cal", uniqueKey: "cal:1", withinSeconds: 0.5))
                #expect(try Self.secondsUntilRun(db, id: late.id) <= 0.5)
                #expect(try !queue.wake(kind: "cal", uniqueKey: "cal:2", withinSeconds: 0.5), "already due sooner")
                #expect(try Self.secondsUntilRun(db, id: soon.id) <= 0.1)
                #expect(try !queue.wake(kind: "other", uniqueKey: "cal:1"), "another kind's key")
                #expect(try !queue.wake(kind: "cal", uniqueKey: "cal:3"))
            }
        }
    }

    @Test func aGroupsJobsAreListedCancelledAndMeasured() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let queue = JobQueue(db)
                let ids = try (1...4).map { n in try #require(try queue.enqueue(JobRequest(Batch(model: 8, n: n))).id) }
                let other = try #require(try queue.enqueue(JobRequest(Batch(model: 9, n: 1))).id)
                #expect(try queue.jobIDs(groupKey: "model:8") == ids)
                // One done, one running: 1 of 4 done, 1 running.
                for _ in 0..<2 { _ = try queue.claim(kinds: ["batch"], limit: 1, owner: "w", leaseSeconds: 60) }
                let done = try #require(try queue.job(id: ids[0]))
                try queue.complete([JobQueue.Lease(done)], owner: "w")
                let progress = try #require(try queue.groupProgress(prefix: "model:", kind: "batch").first { $0.groupKey == "model:8" })
                #expect((progress.completed, progress.total, progress.running, progress.failed) == (1, 4, 1, 0))
                #expect(progress.secondsSinceFirstStart != nil)
                #expect(progress.line(what: "shards").hasPrefix("shards 1/4 (25%), "))
                #expect(try queue.cancel(groupKey: "model:8") == 3)
                #expect(try queue.job(id: other)?.state == .available, "another group is left alone")
                let after = try #require(try queue.groupProgress(prefix: "model:", kind: "batch").first { $0.groupKey == "model:8" })
                #expect((after.completed, after.failed) == (1, 3))
                #expect(try queue.groupProgress(prefix: "training:", kind: "batch").isEmpty)
            }
        }
    }

    @Test func progressRateAndETAFollowTheCompletedJobs() {
        let p = GroupProgress(groupKey: "training:1", completed: 10, total: 40, running: 2, failed: 0, secondsSinceFirstStart: 20)
        #expect(p.rate == 0.5 && p.etaSeconds == 60)
        #expect(p.line(what: "shards") == "shards 10/40 (25%), 0.50/s, ETA 60 s, 2 running")
        #expect(GroupProgress(groupKey: "g", completed: 0, total: 3, running: 0, failed: 0, secondsSinceFirstStart: nil).etaSeconds == nil)
    }
}
