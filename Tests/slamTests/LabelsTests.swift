@testable import slam
import Testing

/// `slam labels` (Labels.swift): the group, and the file check every load makes.
@Suite struct LabelsTests {
    @Test func aLoadNamesAnExistingFileByItsAbsolutePath() throws {
        #expect(try Labels.absolute(#filePath) == #filePath)
        #expect(throws: (any Error).self) { try Labels.absolute("/no/such/file.csv") }
    }

    @Test func theGroupNeedsASubcommand() {
        SLAMParsing.expectRejected(["labels", "show"], saying: "Unexpected argument 'show'")
        SLAMParsing.expectRejected(["labels", "load", "json", #filePath], saying: "unexpected arguments: 'json'")
    }
}
