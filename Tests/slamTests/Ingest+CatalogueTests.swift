@testable import slam
import Testing

/// `slam ingest catalogue` (Ingest+Catalogue.swift).
@Suite struct IngestCatalogueTests {
    let file = #filePath

    @Test func parsesTheFileAndItsRelease() throws {
        let ingest = try SLAMParsing.parse(["ingest", "catalogue", file, "--release", "DR8", "--timeout", "30", "--wait"],
                                           as: Ingest.Catalogue.self)
        #expect(ingest.file == file && ingest.release == "DR8" && ingest.waiting.timeout == 30)
        #expect(try SLAMParsing.parse(["ingest", "catalogue", file], as: Ingest.Catalogue.self).release == "DR5")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["ingest", "catalogue"], saying: "Missing expected argument '<file>'")
        SLAMParsing.expectRejected(["ingest", "catalogue", "/no/such/catalogue.csv"], saying: "/no/such/catalogue.csv: no such file")
        SLAMParsing.expectRejected(["ingest", "catalogue", file, "--release", ""], saying: "--release must not be empty")
    }
}
