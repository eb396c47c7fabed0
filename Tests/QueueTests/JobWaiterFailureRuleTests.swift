import Queue
import Testing

/// When `--wait` gives up on a job that is not finished (issue 16: a calibrate job failing 30 times
/// kept `slam predict --work N` waiting for ever).
@Suite struct JobWaiterFailureRuleTests {
    let rule = JobWaiter.FailureRule(repeatedErrors: 3, isWaitingForOtherJobs: { $0.hasPrefix("waiting for other jobs: ") })

    @Test func sameErrorThreeTimesInARowWhileWatchedIsFailing() {
        #expect(rule.givesUp(state: "available", recentErrors: ["NULL in label_errors", "NULL in label_errors", "NULL in label_errors"],
                             errorsSinceWaitBegan: 1))
    }

    @Test func fewerOrDifferentErrorsAreNotFailing() {
        #expect(!rule.givesUp(state: "available", recentErrors: ["e", "e"], errorsSinceWaitBegan: 2))
        #expect(!rule.givesUp(state: "available", recentErrors: ["e", "e", "other"], errorsSinceWaitBegan: 3))
        #expect(!rule.givesUp(state: "available", recentErrors: ["connection lost", "e", "e"], errorsSinceWaitBegan: 3))
    }

    @Test func aJobRunningOrNotRetriedSinceTheWaitBeganGetsItsNextAttempt() {
        let same = ["e", "e", "e", "e"]
        #expect(!rule.givesUp(state: "running", recentErrors: same, errorsSinceWaitBegan: 3))
        #expect(!rule.givesUp(state: "available", recentErrors: same, errorsSinceWaitBegan: 0))
    }

    @Test func plannedWaitsForOtherJobsAreNeverFailures() {
        let waiting = [String](repeating: "waiting for other jobs: model 5: 3 prediction jobs pending before calibrating", count: 5)
        #expect(!rule.givesUp(state: "available", recentErrors: waiting, errorsSinceWaitBegan: 5))
    }

    @Test func failureLinesNameTheJobItsKindAttemptsAndError() {
        let dead = JobWaiter.Failure(id: 12, kind: "calibrate", reason: .dead, attempt: 1, maxAttempts: 30, error: "bad rows")
        #expect(dead.line(repeatedErrors: 3) == "job 12 (calibrate) dead after 1/30 attempts: bad rows")
        let failing = JobWaiter.Failure(id: 13, kind: "predict", reason: .failing, attempt: 4, maxAttempts: 30, error: "boom")
        #expect(failing.line(repeatedErrors: 3) == "job 13 (predict) failing (the same error 3 times in a row; attempt 4/30, still queued): boom")
        let cancelled = JobWaiter.Failure(id: 14, kind: "train", reason: .cancelled, attempt: 0, maxAttempts: 5, error: nil)
        #expect(cancelled.line(repeatedErrors: 3) == "job 14 (train) cancelled: no error recorded")
    }
}
