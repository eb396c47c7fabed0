@testable import slam
import Testing

/// `slam labels` (Labels.swift): the group, and the file check every load makes.
@Suite struct LabelsTests {
    @Test func aLoadNamesAnExistingFileByItsAbsolutePath() throws {
        #expect(try Labels.absolute(#filePath) == #filePath)
        #expect(throws: (any Error).self) { try Labels.absolute("/no/such/file.csv") }
    }

    @Test func routesToLoadListAndLoads() throws {
        _ = try SLAMParsing.parse(["labels", "list"], as: Labels.List.self)
        _ = try SLAMParsing.parse(["labels", "loads"], as: Labels.Loads.self)
        _ = try SLAMParsing.parse(["labels", "load", "lasp", #filePath], as: Labels.Load.LASP.self)
        try SLAMParsing.expectHelp(["labels"], listing: "load", "list", "loads")
    }

    @Test func theGroupNeedsASubcommand() {
        SLAMParsing.expectRejected(["labels", "show"], saying: "Unexpected argument 'show'")
        SLAMParsing.expectRejected(["labels", "load", "json", #filePath], saying: "unexpected arguments: 'json'")
    }
}
