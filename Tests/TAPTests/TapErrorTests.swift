import ADQL
import Store
import Testing
@testable import TAP

@Suite struct TapErrorTests {
    @Test func eachCaseHasItsHTTPStatus() {
        #expect(TapError.invalidParameter(name: "LANG", reason: "missing").httpStatus == 400)
        #expect(TapError.invalidQuery(ADQLError("unexpected FROM", at: ADQLPosition(line: 1, column: 8, offset: 7))).httpStatus == 400)
        #expect(TapError.queryFailed(sqlState: "22012", message: "division by zero").httpStatus == 400)
        #expect(TapError.serviceFailure("connection lost").httpStatus == 500)
        #expect(TapError.notFound("/tap/async").httpStatus == 404)
    }

    @Test func descriptionsNameWhatWentWrong() {
        #expect(TapError.invalidParameter(name: "MAXREC", reason: "'x' is not a non-negative integer").description
            == "parameter MAXREC: 'x' is not a non-negative integer")
        let adql = TapError.invalidQuery(ADQLError("unexpected FROM", at: ADQLPosition(line: 1, column: 8, offset: 7)))
        #expect(adql.description == "ADQL error at line 1, column 8: unexpected FROM")
        #expect(TapError.queryFailed(sqlState: "22012", message: "division by zero").description
            == "query failed (SQLSTATE 22012): division by zero")
        #expect(TapError.serviceFailure("boom").description == "service failure: boom")
        #expect(TapError.notFound("x").description == "not found: x")
    }

    static func server(_ state: String, _ message: String = "refused") -> PostgresError {
        .server(sqlState: state, message: message, detail: nil, statement: "tap_fetch")
    }

    @Test(arguments: ["42501", "22012", "42883", "22P02", "25006", "54001"])
    func statementErrorsBlameTheQuery(state: String) {
        let error = TapError.from(Self.server(state, "the message"))
        guard case let .queryFailed(sqlState, message) = error else {
            Issue.record("\(state) mapped to \(error)")
            return
        }
        #expect(sqlState == state)
        #expect(message == "the message")
        #expect(error.httpStatus == 400)
    }

    @Test func theStatementTimeoutBlamesTheQueryAndSaysSo() {
        let error = TapError.from(Self.server("57014", "canceling statement due to statement timeout"))
        guard case let .queryFailed(sqlState, message) = error else {
            Issue.record("57014 mapped to \(error)")
            return
        }
        #expect(sqlState == "57014")
        #expect(message.contains("statement timeout"), "\(message)")
        #expect(error.httpStatus == 400)
    }

    @Test(arguments: [
        PostgresError.connectionFailed(target: "slam_tap_login@localhost:5432/slam", message: "connection refused"),
        .connectionLost(statement: "tap_fetch", message: "server closed the connection unexpectedly"),
        .server(sqlState: "53300", message: "too many connections", detail: nil, statement: "tap_begin"),
        .server(sqlState: "57P01", message: "terminating connection due to administrator command", detail: nil, statement: "tap_fetch"),
        .protocolViolation("unexpected message"),
    ])
    func serviceErrorsAreServiceFailures(error: PostgresError) {
        let mapped = TapError.from(error)
        guard case let .serviceFailure(message) = mapped else {
            Issue.record("\(error) mapped to \(mapped)")
            return
        }
        #expect(message == "\(error)")
        #expect(mapped.httpStatus == 500)
    }
}
