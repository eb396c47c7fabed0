import ArgumentParser
import Formats
import Pipeline
import Queue
@testable import slam
import Store
import Testing

/// The CLI's exit statuses (issue 16, item 14): a failed job is status 70 with its id, kind and error,
/// not ArgumentParser's usage error (64 and the usage text).
@Suite struct SLAMExitCodeTests {
    @Test func statusesAreTheDocumentedSysexitsValues() {
        #expect(SLAMExitCode.allCases.map(\.rawValue) == [0, 1, 64, 65, 69, 70, 75])
        #expect(SLAMExitCode.usage.rawValue == ExitCode.validationFailure.rawValue)
    }

    @Test func failedJobsAreStatus70WithEachJobsKindAndError() throws {
        let failures = [JobWaiter.Failure(id: 7, kind: "calibrate", reason: .failing, attempt: 4, maxAttempts: 30, error: "NULL in label_errors"),
                        JobWaiter.Failure(id: 9, kind: "predict", reason: .dead, attempt: 5, maxAttempts: 5, error: "disk full")]
        let outcome = try #require(SLAMExitCode.outcome(for: JobFollowError.failed(failures, total: 3, what: "spectra", repeatedErrors: 3)))
        #expect(outcome.code == .jobFailed)
        #expect(outcome.message.hasPrefix("2 of 3 spectra jobs did not complete:"))
        #expect(outcome.message.contains("job 7 (calibrate) failing (the same error 3 times in a row; attempt 4/30, still queued): NULL in label_errors"))
        #expect(outcome.message.contains("job 9 (predict) dead after 5/5 attempts: disk full"))
    }

    @Test func timeoutUnreachableDatabaseAndBadDataHaveTheirOwnStatuses() throws {
        #expect(SLAMExitCode.outcome(for: JobFollowError.timedOut(seconds: 60, unfinished: 2, total: 5, what: "spectra"))?.code == .timedOut)
        let unreachable = PostgresError.connectionFailed(target: "slam@db:5432/slam", message: "connection refused")
        #expect(SLAMExitCode.outcome(for: unreachable)?.code == .unavailable)
        #expect(SLAMExitCode.outcome(for: LabelCatalogueError.database(unreachable))?.code == .unavailable)
        #expect(SLAMExitCode.outcome(for: LabelCatalogueError.emptyTable(file: "/x.csv"))?.code == .dataError)
        #expect(SLAMExitCode.outcome(for: TrainingSetError.invalidName("A B"))?.code == .dataError)
    }

    @Test func usageAndOtherErrorsAreLeftToArgumentParser() {
        #expect(SLAMExitCode.outcome(for: ValidationError("--work must be 0...64")) == nil)
        #expect(SLAMExitCode.outcome(for: PostgresError.noRows(statement: "x")) == nil)
    }

    @Test func followingEndsInAnErrorUnlessEveryJobCompleted() throws {
        let rule = JobWaiter.FailureRule()
        var snapshot = JobWaiter.Snapshot(total: 2, completed: 2, running: 0, waiting: 0, dead: 0, cancelled: 0, unitsDone: 2,
                                          unitsTotal: 2, elapsedSeconds: 1)
        #expect(try CLIJobs.outcome(snapshot, what: "x", rule: rule, timeoutSeconds: nil) == snapshot)
        snapshot.completed = 1
        snapshot.dead = 1
        snapshot.failures = [JobWaiter.Failure(id: 1, kind: "k", reason: .dead, attempt: 1, maxAttempts: 1, error: "e")]
        #expect(throws: JobFollowError.self) { try CLIJobs.outcome(snapshot, what: "x", rule: rule, timeoutSeconds: nil) }
        snapshot.dead = 0
        snapshot.failures = []
        snapshot.waiting = 1
        snapshot.timedOut = true
        do {
            _ = try CLIJobs.outcome(snapshot, what: "x", rule: rule, timeoutSeconds: 5)
            Issue.record("no error for a timeout")
        } catch {
            #expect("\(error)" == "timed out after 5 s: 1 of 2 x jobs unfinished (they stay queued; slam jobs)")
        }
    }
}
