@testable import slam
import Testing

/// `slam ingest` (Ingest.swift): routes to lamost, apogee and catalogue; alone it shows its help.
@Suite struct IngestTests {
    @Test func eachSourceHasItsSubcommand() throws {
        _ = try SLAMParsing.parse(["ingest", "lamost", "spectra/"], as: Ingest.Lamost.self)
        _ = try SLAMParsing.parse(["ingest", "apogee", #filePath], as: Ingest.Apogee.self)
        _ = try SLAMParsing.parse(["ingest", "catalogue", #filePath], as: Ingest.Catalogue.self)
    }

    @Test func aloneItListsTheSources() throws {
        try SLAMParsing.expectHelp(["ingest"], listing: "lamost", "apogee", "catalogue")
    }

    @Test func anUnknownSourceIsRefused() {
        SLAMParsing.expectRejected(["ingest", "gaia", "dr3.csv"], saying: "2 unexpected arguments: 'gaia', 'dr3.csv'")
    }
}
