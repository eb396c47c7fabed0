import Queue
import Testing

@Suite struct JobActionTests {
    let policy = RetryPolicy(baseSeconds: 1, multiplier: 2, maximumSeconds: 100, jitterFraction: 0)

    func decide(_ outcome: JobOutcome, attempt: Int = 1, max: Int = 3, lost: Bool = false, stopping: Bool = false) -> JobAction {
        JobAction.decide(outcome, attempt: attempt, maxAttempts: max, leaseLost: lost, shuttingDown: stopping, policy: policy, jitter: 0.5)
    }

    @Test func successCompletes() { #expect(decide(.succeeded) == .complete) }

    @Test func retryableFailureRetriesWithBackoffUntilLastAttempt() {
        #expect(decide(.failed(message: "e", retryable: true), attempt: 1) == .retry(afterSeconds: 1, error: "e"))
        #expect(decide(.failed(message: "e", retryable: true), attempt: 2) == .retry(afterSeconds: 2, error: "e"))
        #expect(decide(.failed(message: "e", retryable: true), attempt: 3) == .kill(error: "e"))
    }

    @Test func permanentFailureIsDeadAtOnce() {
        #expect(decide(.failed(message: "bad payload", retryable: false), attempt: 1) == .kill(error: "bad payload"))
    }

    @Test func lostLeaseAbandonsWhateverTheOutcome() {
        #expect(decide(.succeeded, lost: true) == .abandon)
        #expect(decide(.failed(message: "e", retryable: true), lost: true) == .abandon)
        #expect(decide(.interrupted, lost: true, stopping: true) == .abandon)
    }

    @Test func interruptedOrUnstartedJobsAreReleased() {
        #expect(decide(.interrupted, stopping: true) == .release)
        #expect(decide(.notStarted, stopping: true) == .release)
    }

    @Test func handlerErrorsClassify() {
        struct Flaky: Error {}
        #expect(JobOutcome.from(error: JobHandlerError.interrupted) == .interrupted)
        #expect(JobOutcome.from(error: JobHandlerError.unknownKind("x")) == .failed(message: "no handler registered for job kind \"x\"", retryable: false))
        if case let .failed(_, retryable) = JobOutcome.from(error: Flaky()) { #expect(retryable) } else { Issue.record("not a failure") }
    }
}
