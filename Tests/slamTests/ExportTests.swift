@testable import slam
import Testing

/// `slam export` (Export.swift).
@Suite struct ExportTests {
    @Test func parsesItsOptions() throws {
        let export = try SLAMParsing.parse(["export", "--model", "5", "--label-set", "apogee-dr15", "--format", "CSV", "--out", "labels.fits",
                                            "--where", "snrg > 20", "--chunk-rows", "500"], as: Export.self)
        #expect(export.model == "5" && export.labelSet == "apogee-dr15" && export.out == "labels.fits")
        #expect(export.filter == "snrg > 20" && export.chunkRows == 500)
        #expect(try export.resolvedFormat() == .csv)
    }

    @Test func theFormatFollowsTheFileNameUnlessGiven() throws {
        #expect(try SLAMParsing.parse(["export", "--out", "labels.csv"], as: Export.self).resolvedFormat() == .csv)
        #expect(try SLAMParsing.parse(["export", "--out", "labels.fits"], as: Export.self).resolvedFormat() == .fits)
        let defaults = try SLAMParsing.parse(["export", "--out", "x"], as: Export.self)
        #expect(defaults.model == "current" && defaults.chunkRows == 10_000 && defaults.filter == "")
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["export"], saying: "Missing expected argument '--out <out>'")
        SLAMParsing.expectRejected(["export", "--out", "x.fits", "--format", "xls"], saying: "--format must be fits or csv, not xls")
        SLAMParsing.expectRejected(["export", "--out", "x.fits", "--chunk-rows", "0"], saying: "--chunk-rows must be 1...1000000")
        SLAMParsing.expectRejected(["export", "--out", "x.fits", "--where", "teff > 5000"], saying: "unknown column 'teff'")
    }
}
