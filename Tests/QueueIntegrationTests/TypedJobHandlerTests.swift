import Foundation
import Queue
import Store
import StoreTestSupport
import Testing

/// A typed handler run by a worker: it gets its payload decoded; a payload that does not decode, or that
/// its validation refuses, ends the job at once.
@Suite("Typed job handlers under a worker")
struct TypedJobHandlerTests {
    struct Tally: JobPayload {
        static let kind = "tally"
        var n: Int
    }

    /// Records the `n` of each payload it runs (``RunCounter`` keyed by `n`).
    struct TallyHandler: TypedJobHandler {
        let seen: RunCounter
        func validate(_ payload: Tally) throws(JobHandlerError) {
            guard payload.n >= 0 else { throw .malformedPayload(kind: kind, reason: "n must not be negative") }
        }
        func run(_ payload: Tally, job: Job, context: JobContext) throws { seen.record(payload.n) }
    }

    @Test func payloadsAreDecodedAndMalformedOnesDieAtOnce() async throws {
        try await TestDatabase.withFresh { database in
            let ids = try await database.withConnection { db in
                let queue = JobQueue(db)
                return [try queue.enqueue(JobRequest(Tally(n: 2))).id ?? -1,
                        try queue.enqueue(JobRequest(kind: "tally", payload: JSONB(#"{"count":2}"#))).id ?? -1,
                        try queue.enqueue(JobRequest(Tally(n: -1))).id ?? -1]
            }
            let seen = RunCounter()
            var registry = JobHandlerRegistry()
            registry.register(TallyHandler(seen: seen))
            try await Worker(configuration: .test(), registry: registry, database: database.factory, logger: TestDatabase.quietLogger).run()
            let jobs = try await database.withConnection { db in try ids.map { try JobQueue(db).job(id: $0) } }
            #expect(seen.snapshot == [2: 1])
            #expect(jobs.map { $0?.state } == [.completed, .dead, .dead])
            #expect(jobs.map { $0?.attempt } == [1, 1, 1], "malformed payloads are not retried")
            #expect(jobs[1]?.lastError?.hasPrefix("malformed payload for job kind \"tally\"") == true)
            #expect(jobs[2]?.lastError == "malformed payload for job kind \"tally\": n must not be negative")
        }
    }
}
