@testable import slam
import Testing

/// `slam trainingset list` (TrainingSet+List.swift).
@Suite struct TrainingSetListTests {
    @Test func parsesTheDatabase() throws {
        let list = try SLAMParsing.parse(["trainingset", "list", "--database-url", "postgres:///slam"], as: TrainingSet.List.self)
        #expect(list.database.databaseURL == "postgres:///slam")
    }

    @Test func takesNoArguments() {
        SLAMParsing.expectRejected(["trainingset", "list", "kgiants"], saying: "Unexpected argument 'kgiants'")
    }
}
