@testable import slam
import Testing

/// `slam labels load` (Labels+Load.swift): routes to apogee, lasp and table; alone it shows its help.
@Suite struct LabelsLoadTests {
    @Test func eachCatalogueKindHasItsSubcommand() throws {
        _ = try SLAMParsing.parse(["labels", "load", "apogee", #filePath], as: Labels.Load.Apogee.self)
        _ = try SLAMParsing.parse(["labels", "load", "lasp", #filePath], as: Labels.Load.LASP.self)
        _ = try SLAMParsing.parse(["labels", "load", "table", #filePath, "--name", "seismic", "--obsid", "OBSID", "--label", "logg=LOGG"],
                                  as: Labels.Load.Table.self)
    }

    @Test func aloneItListsTheKinds() throws {
        try SLAMParsing.expectHelp(["labels", "load"], listing: "apogee", "lasp", "table")
    }

    @Test func anUnknownKindIsRefused() {
        SLAMParsing.expectRejected(["labels", "load", "galah", #filePath], saying: "unexpected arguments: 'galah'")
    }
}
