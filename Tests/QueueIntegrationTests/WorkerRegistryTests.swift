import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

/// Every worker process reports itself in `worker`: at start, at each heartbeat, and stopped when it ends.
@Suite("Worker registry against a real server")
struct WorkerRegistryTests {
    @Test func aWorkerReportsItselfAndIsMarkedStoppedWhenItEnds() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.withConnection { try JobQueue($0).enqueue(JobRequest(kind: "noop")) }
            let configuration = WorkerConfiguration.test(kinds: ["noop"], batch: 1)
            let worker = Worker(configuration: configuration, registry: .builtin, database: db.factory, logger: TestDatabase.quietLogger)
            try await worker.run()
            try await db.withConnection { connection in
                let row = try #require(try connection.query("""
                    SELECT host, pid, kinds, slots, running, heartbeat_seconds, stopped_at IS NOT NULL AS stopped,
                           heartbeat_at >= started_at AS ordered
                    FROM worker WHERE worker_id = \(configuration.workerID)
                    """).first)
                #expect(try row.decode(Int.self, "pid") == Int(getpid()))
                #expect(try row.decode([String].self, "kinds") == ["noop"])
                #expect(try row.decode(Int.self, "slots") == configuration.concurrency)
                #expect(try row.decode(Int.self, "running") == 0)
                #expect(try row.decode(Double.self, "heartbeat_seconds") == configuration.heartbeatIntervalSeconds)
                #expect(try row.decode(Bool.self, "stopped"))
                #expect(try row.decode(Bool.self, "ordered"))
            }
        }
    }

    @Test func aBeatRefreshesTheRowAndRevivesAStoppedWorker() async throws {
        try await TestDatabase.withFresh { db in
            let configuration = WorkerConfiguration(kinds: nil, concurrency: 3, workerID: "h:1:x")
            try await db.withConnection { connection in
                let registry = WorkerRegistry(connection)
                try registry.beat(configuration, running: 2)
                try registry.stopped(configuration.workerID)
                try registry.beat(configuration, running: 1)
                let row = try #require(try connection.query("SELECT kinds IS NULL AS all_kinds, slots, running, stopped_at FROM worker").first)
                #expect(try row.decode(Bool.self, "all_kinds"))
                #expect(try row.decode(Int.self, "slots") == 3)
                #expect(try row.decode(Int.self, "running") == 1)
                #expect(try row.decode(Date?.self, "stopped_at") == nil)
                #expect(try connection.query("SELECT count(*) FROM worker").first?.decode(Int.self, at: 0) == 1)
            }
        }
    }
}
