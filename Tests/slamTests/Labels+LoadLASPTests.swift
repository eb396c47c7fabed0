@testable import slam
import Testing

/// `slam labels load lasp` (Labels+LoadLASP.swift).
@Suite struct LabelsLoadLASPTests {
    let file = #filePath

    @Test func parsesTheFileReleaseAndName() throws {
        let load = try SLAMParsing.parse(["labels", "load", "lasp", file, "--release", "DR7", "--name", "lasp-dr7-v2", "--wait"],
                                         as: Labels.Load.LASP.self)
        #expect(load.file == file && load.release == "DR7" && load.name == "lasp-dr7-v2" && load.waiting.wait)
        let defaults = try SLAMParsing.parse(["labels", "load", "lasp", file], as: Labels.Load.LASP.self)
        #expect(defaults.release == "DR5" && defaults.name == nil)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["labels", "load", "lasp", "/no/such/afgk.fits"], saying: "/no/such/afgk.fits: no such file")
        SLAMParsing.expectRejected(["labels", "load", "lasp", file, "--name", "Bad Name"],
                                   saying: "catalogue name 'Bad Name' must start with a lower-case letter or digit")
    }
}
