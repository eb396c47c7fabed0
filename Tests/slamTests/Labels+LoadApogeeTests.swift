@testable import slam
import Testing

/// `slam labels load apogee` (Labels+LoadApogee.swift, ApogeeLoadOptions.swift).
@Suite struct LabelsLoadApogeeTests {
    let file = #filePath

    @Test func parsesTheFileReleaseAndColumns() throws {
        let load = try SLAMParsing.parse(["labels", "load", "apogee", file, "--release", "DR16", "--columns", "dr16", "--work", "1"],
                                         as: Labels.Load.Apogee.self)
        #expect(load.load.file == file && load.load.release == "DR16" && load.load.columns == "dr16" && load.load.waiting.work == 1)
        let payload = try load.load.payload()
        #expect(payload.kind == .apogee && payload.name == "apogee-dr16" && payload.apogeeColumns == "dr16")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["labels", "load", "apogee"], saying: "Missing expected argument '<file>'")
        SLAMParsing.expectRejected(["labels", "load", "apogee", "/no/such/allStar.fits"], saying: "/no/such/allStar.fits: no such file")
        SLAMParsing.expectRejected(["labels", "load", "apogee", file, "--columns", "dr3"], saying: "--columns must be one of")
        SLAMParsing.expectRejected(["labels", "load", "galah", file], saying: "unexpected arguments: 'galah'")
    }
}
