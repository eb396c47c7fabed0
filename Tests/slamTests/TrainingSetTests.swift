@testable import slam
import Testing

/// `slam trainingset` (TrainingSet.swift): routes to create and list; alone it shows its help.
@Suite struct TrainingSetTests {
    @Test func eachActionHasItsSubcommand() throws {
        _ = try SLAMParsing.parse(["trainingset", "list"], as: TrainingSet.List.self)
        _ = try SLAMParsing.parse(["trainingset", "create", "kgiants", "--labels-from", "apogee-dr17"], as: TrainingSet.Create.self)
    }

    @Test func aloneItListsTheActions() throws {
        try SLAMParsing.expectHelp(["trainingset"], listing: "create", "list")
    }

    @Test func anUnknownActionIsRefused() {
        SLAMParsing.expectRejected(["trainingset", "delete", "kgiants"], saying: "2 unexpected arguments: 'delete', 'kgiants'")
        SLAMParsing.expectRejected(["training-set", "list"], saying: "2 unexpected arguments: 'training-set', 'list'")
    }
}
