import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

/// `JobQueue.enqueue(stream:collectIDs:)` (JobQueue+Bulk.swift): many jobs per statement in one
/// transaction, unique keys kept as a single enqueue keeps them.
@Suite("JobQueue bulk enqueue against a real server")
struct JobQueueBulkTests {
    struct Failed: Error {}

    /// Hands out `chunks` one by one, then nil.
    static func chunks(_ chunks: [[JobRequest]]) -> () throws -> [JobRequest]? {
        var remaining = chunks[...]
        return { remaining.popFirst() }
    }

    static func requests(_ keys: ClosedRange<Int>, scope: JobUniqueScope = .forever) -> [JobRequest] {
        keys.map { JobRequest(kind: "noop", payload: JSONB("{\"n\": \($0)}"), uniqueKey: "bulk:\($0)", uniqueScope: scope) }
    }

    @Test func insertsTheNewJobsInOrderAndARerunInsertsNone() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                try queue.enqueue(JobRequest(kind: "noop", uniqueKey: "bulk:3"))
                let first = try queue.enqueue(stream: Self.chunks([Self.requests(1...4), Self.requests(5...9)]))
                #expect(first == JobQueue.BulkEnqueueResult(inserted: 8, skipped: 1))
                let order = try connection.query("SELECT unique_key FROM job WHERE unique_key <> 'bulk:3' ORDER BY id").rows
                    .map { try $0.decode(String.self, at: 0) }
                #expect(order == [1, 2, 4, 5, 6, 7, 8, 9].map { "bulk:\($0)" })
                let again = try queue.enqueue(stream: Self.chunks([Self.requests(1...9)]), collectIDs: true)
                #expect(again.inserted == 0 && again.skipped == 9)
                let all = try connection.query("SELECT id FROM job ORDER BY id").rows.map { try $0.decode(Int.self, at: 0) }
                #expect(again.ids == all)
                #expect(try queue.count(kind: "noop") == 9)
            }
        }
    }

    @Test func repeatsWithinOneCallAndJobsWithoutKeys() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                let repeated = Self.requests(1...3) + Self.requests(2...3) + [JobRequest(kind: "noop"), JobRequest(kind: "noop")]
                let result = try queue.enqueue(stream: Self.chunks([repeated, Self.requests(3...4)]), collectIDs: true)
                #expect(result.inserted == 6 && result.skipped == 3)
                let all = try connection.query("SELECT id FROM job ORDER BY id").rows.map { try $0.decode(Int.self, at: 0) }
                #expect(result.ids == all && all.count == 6)
            }
        }
    }

    /// An `active` key is free again once its job finished; a `forever` key never is (the partial unique index).
    @Test func uniqueScopesAreKeptAsBySingleEnqueues() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                try queue.enqueue(stream: Self.chunks([Self.requests(1...2, scope: .forever) + Self.requests(3...4, scope: .active)]))
                let claimed = try queue.claim(kinds: nil, limit: 10, owner: "w", leaseSeconds: 30)
                #expect(claimed.count == 4)
                try queue.complete(claimed.map(JobQueue.Lease.init), owner: "w")
                // 1-2 (forever) stay taken; 3-4 (active, finished) are free; 5 is new; a pending active key stays taken.
                let result = try queue.enqueue(stream: Self.chunks([Self.requests(1...5, scope: .active), Self.requests(5...5, scope: .active)]))
                #expect(result == JobQueue.BulkEnqueueResult(inserted: 3, skipped: 3))
                #expect(try queue.count(kind: "noop") == 7)
            }
        }
    }

    @Test func aFailingProducerEnqueuesNothing() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection throws in
                let queue = JobQueue(connection)
                var calls = 0
                #expect(throws: Failed.self) {
                    try queue.enqueue(stream: {
                        calls += 1
                        if calls == 3 { throw Failed() }
                        return Self.requests(calls * 10...calls * 10 + 4)
                    })
                }
                #expect(calls == 3)
                #expect(try queue.count(kind: "noop") == 0)
                #expect(!connection.isInTransaction)
            }
        }
    }
}
