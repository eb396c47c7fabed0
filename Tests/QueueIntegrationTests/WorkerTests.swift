import Foundation
import Queue
import ServiceLifecycle
import Store
import StoreTestSupport
import Testing

@Suite("Worker against a real server")
struct WorkerTests {
    @Test func fourWorkersRacingRunTwoThousandJobsExactlyOnce() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.withConnection { connection in
                try JobQueue(connection).enqueue(batch: (0..<2000).map { JobRequest(kind: "count", payload: JSONB("{\"n\": \($0)}")) })
            }
            let counter = RunCounter()
            let registry = JobHandlerRegistry([CountingHandler(counter: counter)])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    let worker = Worker(configuration: .test(kinds: ["count"], batch: 20), registry: registry,
                                        database: db.factory, logger: TestDatabase.quietLogger)
                    group.addTask { try await worker.run() }
                }
                try await group.waitForAll()
            }
            let runs = counter.snapshot
            #expect(runs.count == 2000)
            #expect(runs.values.allSatisfy { $0 == 1 })
            #expect(try await db.count("SELECT count(*) FROM job WHERE state = 'completed' AND attempt = 1") == 2000)
        }
    }

    @Test func failingJobIsRetriedWithBackoffThenDeadWithItsErrorsKept() async throws {
        try await TestDatabase.withFresh { db in
            let id = try await db.withConnection { connection in
                try JobQueue(connection).enqueue(JobRequest(kind: "fail", payload: JSONB("{\"message\": \"disk on fire\"}"), maxAttempts: 3)).id
            }
            let worker = Worker(configuration: .test(), registry: .builtin, database: db.factory, logger: TestDatabase.quietLogger)
            try await worker.run()
            let job = try #require(try await db.withConnection { try JobQueue($0).job(id: id ?? -1) })
            #expect(job.state == .dead)
            #expect(job.attempt == 3)
            #expect(job.lastError == "disk on fire")
            let history = try job.errors.decode([[String: JSONValue]].self)
            #expect(history.count == 3)
            #expect(history.map { $0["attempt"] } == [.number(1), .number(2), .number(3)])
        }
    }

    @Test func unknownKindAndMalformedPayloadDieAtOnceWithClearErrors() async throws {
        try await TestDatabase.withFresh { db in
            let (unknown, malformed, good) = try await db.withConnection { connection in
                let queue = JobQueue(connection)
                return (try queue.enqueue(JobRequest(kind: "no_such_kind")).id ?? -1,
                        try queue.enqueue(JobRequest(kind: "sleep", payload: JSONB("{\"secs\": 1}"))).id ?? -1,
                        try queue.enqueue(JobRequest(kind: "sleep", payload: JSONB("{\"seconds\": 0.01}"))).id ?? -1)
            }
            let worker = Worker(configuration: .test(), registry: .builtin, database: db.factory, logger: TestDatabase.quietLogger)
            try await worker.run()
            let jobs = try await db.withConnection { connection in
                try [unknown, malformed, good].map { try JobQueue(connection).job(id: $0) }
            }
            #expect(jobs[0]?.state == .dead && jobs[0]?.attempt == 1)
            #expect(jobs[0]?.lastError == "no handler registered for job kind \"no_such_kind\"")
            #expect(jobs[1]?.state == .dead && jobs[1]?.attempt == 1)
            #expect(jobs[1]?.lastError?.hasPrefix("malformed payload for job kind \"sleep\"") == true)
            #expect(jobs[2]?.state == .completed)
            #expect(jobs[2]?.progress.text.contains("\"total\": 10") == true)
        }
    }

    @Test func gracefulShutdownReleasesRunningJobsWithoutConsumingAttempts() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.withConnection { connection in
                try JobQueue(connection).enqueue(batch: (0..<4).map { _ in JobRequest(kind: "block") })
            }
            let worker = Worker(configuration: .test(untilEmpty: false), registry: JobHandlerRegistry([BlockingHandler()]),
                                database: db.factory, logger: TestDatabase.quietLogger)
            let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: TestDatabase.quietLogger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for _ in 0..<500 {
                    if try await db.count("SELECT count(*) FROM job WHERE state = 'running'") == 2 { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(try await db.count("SELECT count(*) FROM job WHERE state = 'running'") == 2)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(try await db.count("SELECT count(*) FROM job WHERE state = 'running'") == 0)
            #expect(try await db.count("SELECT count(*) FROM job WHERE state = 'available' AND attempt = 0") == 4)
        }
    }

    // The limit catches a worker that never returns; it counts from the test's start, which in the
    // full suite on 2 cores may wait minutes for its turn at the database, so it is not a timing check.
    @Test(.timeLimit(.minutes(10))) func aMaximumRuntimeStopsTheWorkerAndReleasesItsJobsAtOnce() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.withConnection { connection in
                try JobQueue(connection).enqueue(batch: (0..<4).map { _ in JobRequest(kind: "block") })
            }
            var configuration = WorkerConfiguration.test(untilEmpty: false)
            configuration.maxRuntimeSeconds = 1
            let worker = Worker(configuration: configuration, registry: JobHandlerRegistry([BlockingHandler()]),
                                database: db.factory, logger: TestDatabase.quietLogger)
            try await worker.run()
            // Jobs that never end on their own: the worker returned only because its time was up, and gave
            // its two running jobs back without consuming their attempts or waiting for the 5 s lease.
            #expect(try await db.count("SELECT count(*) FROM job WHERE state = 'running'") == 0)
            #expect(try await db.count("SELECT count(*) FROM job WHERE state = 'available' AND attempt = 0 AND lease_owner IS NULL") == 4)
        }
    }

    @Test func unreachableDatabaseFailsTheWorkerClearlyAndLosesNoJob() async throws {
        let factory = PostgresConnectionFactory(configuration: PostgresConfiguration("postgresql://u:pw-secret@127.0.0.1:1/none", connectTimeoutSeconds: 1))
        let worker = Worker(configuration: .test(), registry: .builtin, database: factory, logger: TestDatabase.quietLogger)
        do {
            try await worker.run()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("cannot connect to PostgreSQL at u@127.0.0.1:1/none"))
            #expect(!"\(error)".contains("pw-secret"))
        }
    }
}

/// Minimal JSON value for reading `errors` history in tests.
enum JSONValue: Decodable, Equatable {
    case number(Double), string(String), other
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else { self = .other }
    }
}
