@testable import Pipeline
import Store
import Testing

/// Crossmatch errors: what a user reads, and how other errors become one.
@Suite struct CrossmatchErrorTests {
    struct Unexpected: Error, CustomStringConvertible { var description: String { "disk on fire" } }

    @Test func aCrossmatchErrorStaysItselfAndOthersBecomeDatabaseErrors() {
        #expect(CrossmatchError.from(CrossmatchError.noSpectra) == .noSpectra)
        #expect(CrossmatchError.from(PostgresError.protocolViolation("short row")) == .database(.protocolViolation("short row")))
        #expect(CrossmatchError.from(Unexpected()) == .database(.protocolViolation("disk on fire")))
    }

    @Test func messagesNameTheBadValueAndTheNextStep() {
        #expect(CrossmatchError.invalidRadius(90).description == "crossmatch radius 90.0 arcsec is not in (0, 60.0] arcsec")
        #expect(CrossmatchError.unknownRelease("DR99").description.contains("'DR99'"))
        #expect(CrossmatchError.noSpectra.description.contains("slam ingest lamost"))
    }
}
