import Foundation
@testable import slam
import SLAMNumerics
import StoreTestSupport
import Testing

/// `slam ingest lamost` (Ingest+Lamost.swift), with the preprocessing options (PreprocessingOptions.swift).
@Suite struct IngestLamostTests {
    @Test func parsesPathsAndTheMaskPolicy() throws {
        let ingest = try SLAMParsing.parse(["ingest", "lamost", "a.fits", "dir/", "list.txt", "--batch-size", "50",
                                            "--mask-and-bits", "0x5", "--mask-or-bits", "3", "--mask-dilation", "2",
                                            "--flux-bounds=-1:3", "--many-masked-fraction", "0.2", "--work", "2"],
                                           as: Ingest.Lamost.self)
        #expect(ingest.paths == ["a.fits", "dir/", "list.txt"] && ingest.batchSize == 50 && ingest.waiting.work == 2)
        let policy = try #require(try ingest.preprocessing.settings()).maskPolicy
        #expect(policy.andMaskBits == 5 && policy.orMaskBits == 3 && policy.dilation == 2)
        #expect(policy.minimumNormalisedFlux == -1 && policy.maximumNormalisedFlux == 3 && policy.manyMaskedFraction == 0.2)
    }

    /// `--continuum-level percentile` gives the paper's plain percentile (a preprocessing version of its own).
    @Test func theContinuumLevelOption() throws {
        let plain = try SLAMParsing.parse(["ingest", "lamost", "a.fits", "--continuum-level", "percentile"], as: Ingest.Lamost.self)
        let settings = try #require(try plain.preprocessing.settings())
        #expect(!settings.noiseCorrectedLevel && settings.maskPolicy == PreprocessingSettings().maskPolicy)
        #expect(settings.version != PreprocessingSettings().version)
        let corrected = try SLAMParsing.parse(["ingest", "lamost", "a.fits", "--continuum-level", "noise-corrected"], as: Ingest.Lamost.self)
        #expect(try corrected.preprocessing.settings() == PreprocessingSettings())
        SLAMParsing.expectRejected(["ingest", "lamost", "a.fits", "--continuum-level", "median"],
                                   saying: "The value 'median' is invalid for '--continuum-level <continuum-level>'")
    }

    /// A value starting with '-' must be attached with '=' (`--flux-bounds -1:3` reads -1:3 as an option).
    @Test func aNegativeLowerFluxBoundNeedsTheEqualsSign() {
        SLAMParsing.expectRejected(["ingest", "lamost", "a.fits", "--flux-bounds", "-1:3"], saying: "Missing value for '--flux-bounds <flux-bounds>'")
    }

    @Test func withoutMaskOptionsTheWorkersDefaultsApply() throws {
        let ingest = try SLAMParsing.parse(["ingest", "lamost", "a.fits"], as: Ingest.Lamost.self)
        #expect(ingest.batchSize == 200)
        #expect(try ingest.preprocessing.settings() == nil)
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

    /// The built `slam`, run as a user would, twice on one directory: the second run enqueues nothing.
    @Test func theCommandPrintsNewAndAlreadyEnqueuedBatches() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("slam-ingest-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("20111024/F5902"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for fibre in 1...5 {
            try Data("SIMPLE".utf8).write(to: root.appendingPathComponent("20111024/F5902/spec-55859-F5902_sp01-00\(fibre).fits.gz"))
        }
        try await TestDatabase.withFresh { db in
            let arguments = ["ingest", "lamost", root.path, "--batch-size", "2", "--database-url", db.url]
            let first = try Self.runSLAM(arguments)
            #expect(first.status == 0, "\(first.output)")
            #expect(first.output == "5 files in 3 ingest jobs (3 new, 0 already enqueued)\n")
            let again = try Self.runSLAM(arguments)
            #expect(again.output == "5 files in 3 ingest jobs (0 new, 3 already enqueued)\n")
        }
    }

    /// Runs the built `slam` with `arguments`; returns its exit status and standard output.
    static func runSLAM(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try CLIExitStatusTests.slamExecutable()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
