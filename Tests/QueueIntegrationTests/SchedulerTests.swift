import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

@Suite("Schedules against a real server")
struct SchedulerTests {
    @Test func dueScheduleIsEnqueuedExactlyOnceWithTwoSchedulersRacing() async throws {
        try await TestDatabase.withFresh { db in
            let added = Date().addingTimeInterval(-7200)
            try await db.withConnection { connection in
                _ = try ScheduleStore(connection).add(name: "nightly", cron: "0 * * * *", kind: "noop", now: added)
            }
            let asOf = Date()
            let factory = db.factory
            let fires = try await withThrowingTaskGroup(of: [ScheduleFire].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await factory.withConnection { connection in
                            var all: [ScheduleFire] = []
                            for _ in 0..<5 { all += try ScheduleStore(connection).enqueueDue(asOf: asOf) }
                            return all
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(fires.filter(\.inserted).count == 1)
            #expect(try await db.count("SELECT count(*) FROM job WHERE kind = 'noop' AND unique_key LIKE 'schedule:nightly:%'") == 1)
            let entry = try #require(try await db.withConnection { try ScheduleStore($0).list() }.first)
            #expect(entry.nextFireAt.map { $0 > asOf } == true)
            #expect(entry.lastFireAt != nil)
        }
    }

    @Test func addRejectsBadCronAndRemoveDeletes() async throws {
        try await TestDatabase.withFresh { db in
            try await db.withConnection { connection in
                let store = ScheduleStore(connection)
                #expect(throws: CronError.self) { try store.add(name: "bad", cron: "61 * * * *", kind: "noop") }
                _ = try store.add(name: "weekly", cron: "0 3 * * 0", kind: "noop", payload: JSONB("{\"x\": 1}"))
                #expect(try store.list().map(\.name) == ["weekly"])
                #expect(try store.remove(name: "weekly"))
                #expect(try store.list().isEmpty)
            }
        }
    }
}
