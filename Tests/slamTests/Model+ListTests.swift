@testable import slam
import Testing

/// `slam model list` (Model+List.swift).
@Suite struct ModelListTests {
    @Test func parsesTheDatabase() throws {
        let list = try SLAMParsing.parse(["model", "list", "--database-url", "postgres:///slam"], as: ModelCommand.List.self)
        #expect(list.database.databaseURL == "postgres:///slam")
    }

    @Test func takesNoArguments() {
        SLAMParsing.expectRejected(["model", "list", "3"], saying: "Unexpected argument '3'")
    }
}
