@testable import slam
import Testing

/// `slam ingest lamost` (Ingest+Lamost.swift), with the mask policy options (MaskPolicyOptions.swift).
@Suite struct IngestLamostTests {
    @Test func parsesPathsAndTheMaskPolicy() throws {
        let ingest = try SLAMParsing.parse(["ingest", "lamost", "a.fits", "dir/", "list.txt", "--batch-size", "50",
                                            "--mask-and-bits", "0x5", "--mask-or-bits", "3", "--mask-dilation", "2",
                                            "--flux-bounds=-1:3", "--many-masked-fraction", "0.2", "--work", "2"],
                                           as: Ingest.Lamost.self)
        #expect(ingest.paths == ["a.fits", "dir/", "list.txt"] && ingest.batchSize == 50 && ingest.waiting.work == 2)
        let policy = try #require(try ingest.mask.settings()).maskPolicy
        #expect(policy.andMaskBits == 5 && policy.orMaskBits == 3 && policy.dilation == 2)
        #expect(policy.minimumNormalisedFlux == -1 && policy.maximumNormalisedFlux == 3 && policy.manyMaskedFraction == 0.2)
    }

    /// A value starting with '-' must be attached with '=' (`--flux-bounds -1:3` reads -1:3 as an option).
    @Test func aNegativeLowerFluxBoundNeedsTheEqualsSign() {
        SLAMParsing.expectRejected(["ingest", "lamost", "a.fits", "--flux-bounds", "-1:3"], saying: "Missing value for '--flux-bounds <flux-bounds>'")
    }

    @Test func withoutMaskOptionsTheWorkersDefaultsApply() throws {
        let ingest = try SLAMParsing.parse(["ingest", "lamost", "a.fits"], as: Ingest.Lamost.self)
        #expect(ingest.batchSize == 200)
        #expect(try ingest.mask.settings() == nil)
    }

    @Test func badValuesAreRefusedWithTheirReason() {
        SLAMParsing.expectRejected(["ingest", "lamost"], saying: "Missing expected argument '<paths> ...'")
        SLAMParsing.expectRejected(["ingest", "lamost", "a.fits", "--batch-size", "0"], saying: "--batch-size must be 1...10000")
        SLAMParsing.expectRejected(["ingest", "lamost", "a.fits", "--mask-and-bits", "zz"],
                                   saying: "--mask-and-bits must be an unsigned 32-bit integer (decimal or 0x hex), not 'zz'")
        SLAMParsing.expectRejected(["ingest", "lamost", "a.fits", "--flux-bounds", "2"], saying: "--flux-bounds must be LO:HI")
        SLAMParsing.expectRejected(["ingest", "lamost", "a.fits", "--many-masked-fraction", "2"],
                                   saying: "invalid preprocessing setting maskPolicy.manyMaskedFraction")
    }
}
