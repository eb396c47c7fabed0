@testable import slam
import Testing

/// `slam ingest apogee` (Ingest+Apogee.swift), the same load and options (ApogeeLoadOptions.swift) as
/// `slam labels load apogee`.
@Suite struct IngestApogeeTests {
    /// A file that exists (the load checks that it does).
    let file = #filePath

    @Test func parsesTheFileAndItsRelease() throws {
        let ingest = try SLAMParsing.parse(["ingest", "apogee", file, "--release", "DR17", "--columns", "DR17", "--wait"],
                                           as: Ingest.Apogee.self)
        #expect(ingest.load.file == file && ingest.load.release == "DR17" && ingest.load.columns == "DR17" && ingest.load.waiting.wait)
        let payload = try ingest.load.payload()
        #expect(payload.kind == .apogee && payload.name == "apogee-dr17" && payload.release == "DR17")
        #expect(payload.path == file && payload.apogeeColumns == "dr17")
        let defaults = try SLAMParsing.parse(["ingest", "apogee", file], as: Ingest.Apogee.self)
        #expect(defaults.load.release == "DR15" && defaults.load.columns == "dr15")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["ingest", "apogee"], saying: "Missing expected argument '<file>'")
        SLAMParsing.expectRejected(["ingest", "apogee", "/no/such/allStar.fits"], saying: "/no/such/allStar.fits: no such file")
        SLAMParsing.expectRejected(["ingest", "apogee", file, "--columns", "dr99"], saying: "--columns must be one of dr12, dr14, dr15, dr16, dr17")
    }
}
