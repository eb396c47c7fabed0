import Catalogue
import Store
import Testing

/// The UWS 1.1 phase rule of asynchronous TAP jobs, without a server.
@Suite("TAP job phase rule")
struct TapJobPhaseTests {
    @Test func everyPhaseHasExactlyTheUWSSuccessors() {
        let successors = Dictionary(uniqueKeysWithValues: TapJobPhase.allCases.map { from in
            (from, TapJobPhase.allCases.filter { from.canMove(to: $0) })
        })
        #expect(successors[.pending] == [.queued, .error, .aborted])
        #expect(successors[.queued] == [.executing, .error, .aborted])
        #expect(successors[.executing] == [.completed, .error, .aborted])
        #expect(successors[.completed] == [])
        #expect(successors[.error] == [])
        #expect(successors[.aborted] == [])
        #expect(TapJobPhase.allCases.filter(\.isFinal) == [.completed, .error, .aborted])
    }

    @Test func storedTextRoundTripsAndUnknownPhasesAreDecodingErrors() throws {
        for phase in TapJobPhase.allCases {
            #expect(try TapJobPhase(text: phase.rawValue) == phase)
        }
        #expect(TapJobPhase.allCases.map(\.rawValue) == ["PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED"])
        #expect(throws: PostgresError.self) { try TapJobPhase(text: "HELD") }
        #expect(throws: PostgresError.self) { try TapJobPhase(text: "pending") }
    }
}
