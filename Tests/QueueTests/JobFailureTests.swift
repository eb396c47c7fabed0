import Foundation
import Queue
import Store
import Testing

/// Failures retry only when a later attempt can succeed (issue 16, item 9).
@Suite struct JobFailureTests {
    static func retryable(_ error: any Error) -> Bool? {
        if case let .failed(_, retryable) = JobOutcome.from(error: error) { return retryable }
        return nil
    }

    static func server(_ state: String) -> PostgresError {
        .server(sqlState: state, message: "m", detail: nil, statement: "s")
    }

    @Test func theDatabaseGoingAwayOrBusyIsRetried() {
        for error in [PostgresError.connectionLost(statement: "s", message: "server closed the connection"),
                      .connectionFailed(target: "t", message: "refused"),
                      Self.server("57P01"), Self.server("08006"), Self.server("40001"), Self.server("40P01"),
                      Self.server("53100"), Self.server("53300"), Self.server("55P03"), Self.server("57014"), Self.server("58030")] {
            #expect(Self.retryable(error) == true, "\(error)")
        }
    }

    @Test func aSchemaMismatchOrABadValueIsNotRetried() {
        for error in [Self.server("42P01"), Self.server("42703"), Self.server("22003"), Self.server("23505"), Self.server("42501"),
                      PostgresError.unexpectedNull(column: "label_errors[5]", expected: "Float"),
                      .copy(table: "stage_spectrum", reason: "value out of range"),
                      .decoding(column: "c", expected: "Int", actualType: 25, reason: "r")] {
            #expect(Self.retryable(error) == false, "\(error)")
        }
    }

    @Test func aMissingOrUnreadableFileIsNotRetried() {
        #expect(Self.retryable(CocoaError(.fileReadNoSuchFile)) == false)
        #expect(Self.retryable(POSIXError(.ENOENT)) == false)
        #expect(Self.retryable(POSIXError(.EACCES)) == false)
        #expect(Self.retryable(POSIXError(.EIO)) == true, "an I/O error may be the machine's")
    }

    @Test func theFencesRefusalIsALostLeaseNotAFailure() {
        #expect(JobOutcome.from(error: Self.server(JobQueue.leaseLostSQLState)) == .leaseLost)
        #expect(JobAction.decide(.leaseLost, attempt: 1, maxAttempts: 5, leaseLost: false, shuttingDown: false,
                                 policy: RetryPolicy(), jitter: 0) == .abandon)
    }

    @Test func errorsThatClassifyThemselvesAreBelieved() {
        struct Waiting: JobFailure { var isTransient: Bool { true } }
        struct Broken: JobFailure { var isTransient: Bool { false } }
        #expect(Self.retryable(Waiting()) == true)
        #expect(Self.retryable(Broken()) == false)
    }
}
