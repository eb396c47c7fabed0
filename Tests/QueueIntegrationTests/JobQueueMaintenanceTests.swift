import Queue
import Store
import StoreTestSupport
import Testing

@Suite("Job counts and clean-up by kind")
struct JobQueueMaintenanceTests {
    @Test func countsByKindAndStateAndDeletesOnlyItsKind() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let queue = JobQueue(connection)
                try queue.enqueue(batch: (0..<3).map { _ in JobRequest(kind: "a") } + [JobRequest(kind: "b")])
                let claimed = try queue.claim(kinds: ["a"], limit: 1, owner: "w", leaseSeconds: 60)
                try queue.complete(claimed.map(JobQueue.Lease.init), owner: "w")
                #expect(try queue.count(kind: "a") == 3)
                #expect(try queue.count(kind: "a", state: .completed) == 1)
                #expect(try queue.count(kind: "a", state: .available) == 2)
                let ids = try connection.query("SELECT id FROM job WHERE kind = 'a' ORDER BY id").rows.map { try $0.decode(Int.self, at: 0) }
                #expect(try queue.unfinishedCount(ids: ids) == 2)
                #expect(try queue.unfinishedCount(ids: claimed.map(\.id)) == 0)
                #expect(try queue.deleteAll(kind: "a") == 3)
                #expect(try queue.count(kind: "a") == 0 && queue.count(kind: "b") == 1)
            }
        }
    }
}
