import Foundation
import Logging
@testable import Queue
import Store
import Testing

/// The built-in kinds: `noop` does nothing, `sleep` validates its seconds and honours cancellation,
/// `fail` fails with its message, permanently only when asked.
@Suite struct BuiltinJobHandlersTests {
    /// A claimed job of `kind` (built without a database row).
    static func job(_ kind: String, payload: String, id: Int = 4, attempt: Int = 2) -> Job {
        let epoch = Date(timeIntervalSince1970: 0)
        return Job(id: id, kind: kind, payload: JSONB(payload), priority: 0, state: .running, attempt: attempt, maxAttempts: 5,
                   runAfter: epoch, leaseOwner: "w", leaseExpiresAt: nil, lastError: nil, errors: JSONB("[]"),
                   uniqueKey: nil, groupKey: nil, progress: JSONB("{}"), createdAt: epoch, finishedAt: nil)
    }

    /// A context for `job` whose database is never contacted by these handlers.
    static func context(for job: Job) -> JobContext {
        let factory = PostgresConnectionFactory(configuration: PostgresConfiguration("host=/nonexistent"))
        return JobContext(database: factory, logger: Logger(label: "slam.test"), lease: JobQueue.Lease(job), owner: "w")
    }

    func run(_ handler: some JobHandler, _ job: Job, context: JobContext? = nil) throws {
        try handler.run(job, context: context ?? Self.context(for: job))
    }

    @Test func kindsAreTheNamesJobsAreEnqueuedUnder() {
        #expect(NoopJobHandler().kind == "noop")
        #expect(SleepJobHandler().kind == "sleep")
        #expect(FailJobHandler().kind == "fail")
        #expect(Set(["fail", "noop", "sleep"]).isSubset(of: JobHandlerRegistry.builtin.kinds))
    }

    @Test func noopSucceedsWithAnyPayload() throws {
        try run(NoopJobHandler(), Self.job("noop", payload: "{\"anything\": [1, 2]}"))
    }

    @Test func sleepOfZeroSecondsReturnsAtOnceReportingZeroOfZero() throws {
        let job = Self.job("sleep", payload: "{\"seconds\": 0}")
        let context = Self.context(for: job)
        try run(SleepJobHandler(), job, context: context)
        #expect(context.entry.latestProgress == "{\"done\": 0, \"total\": 0}")
    }

    @Test func sleepStopsWithInterruptedWhenTheJobIsCancelled() {
        let job = Self.job("sleep", payload: "{\"seconds\": 3600}")
        let context = Self.context(for: job)
        context.entry.markLost()
        #expect(throws: JobHandlerError.interrupted) { try run(SleepJobHandler(), job, context: context) }
        #expect(context.entry.latestProgress == "{\"done\": 0, \"total\": 3600000}")
    }

    @Test func sleepRejectsSecondsOutsideOneDay() {
        #expect(throws: JobHandlerError.malformedPayload(kind: "sleep", reason: "seconds must be in 0...86400, got -1.0")) {
            try run(SleepJobHandler(), Self.job("sleep", payload: "{\"seconds\": -1}"))
        }
        #expect(throws: JobHandlerError.malformedPayload(kind: "sleep", reason: "seconds must be in 0...86400, got 86401.0")) {
            try run(SleepJobHandler(), Self.job("sleep", payload: "{\"seconds\": 86401}"))
        }
    }

    @Test func sleepWithoutSecondsIsAMalformedPayload() {
        do {
            try run(SleepJobHandler(), Self.job("sleep", payload: "{\"secs\": 1}"))
            Issue.record("expected an error")
        } catch let JobHandlerError.malformedPayload(kind, reason) {
            #expect(kind == "sleep")
            #expect(reason.contains("seconds"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func failThrowsARetryableErrorWithItsMessage() {
        do {
            try run(FailJobHandler(), Self.job("fail", payload: "{\"message\": \"disk on fire\"}"))
            Issue.record("expected an error")
        } catch {
            #expect(error is FailJobHandler.Failure)
            #expect("\(error)" == "disk on fire")
            #expect(JobOutcome.from(error: error) == .failed(message: "disk on fire", retryable: true))
        }
    }

    @Test func failWithoutAMessageNamesTheJobAndAttempt() {
        do {
            try run(FailJobHandler(), Self.job("fail", payload: "{}", id: 9, attempt: 3))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "fail job 9 failed on purpose (attempt 3)")
        }
    }

    @Test func failWithPermanentIsAPermanentError() {
        #expect(throws: JobHandlerError.permanent("no")) {
            try run(FailJobHandler(), Self.job("fail", payload: "{\"message\": \"no\", \"permanent\": true}"))
        }
    }
}
