@testable import slam
import Testing

/// `slam labels loads` (Labels+Loads.swift).
@Suite struct LabelsLoadsTests {
    @Test func parsesTheLimit() throws {
        #expect(try SLAMParsing.parse(["labels", "loads", "--limit", "5"], as: Labels.Loads.self).limit == 5)
        #expect(try SLAMParsing.parse(["labels", "loads"], as: Labels.Loads.self).limit == 20)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["labels", "loads", "--limit", "x"], saying: "The value 'x' is invalid for '--limit <limit>'")
    }
}
