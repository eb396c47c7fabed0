import Catalogue
import Formats
import Foundation
@testable import Pipeline
import SLAMNumerics
import Testing

/// One LAMOST file read on its own: its checksum or why it cannot be read, its obsid (synthetic for the
/// DR1 pilot), and whether it becomes a spectrum, a spectrum refused by preprocessing, or a rejected file.
@Suite struct LamostFileOutcomeTests {
    /// A 3909-pixel spectrum (3700-9100 Angstrom, covering the preprocessing grid) of obsid 9001.
    static func spectrum(ivar: Float = 0.01, _ edit: (inout LamostSpectrumMetadata) -> Void = { _ in }) -> LamostSpectrum {
        var m = LamostSpectrumMetadata(obsid: 9001, designation: "J000001.00+000002.0", ra: 1, dec: 2, lmjd: 57000, mjd: 56999,
                                       planid: "P1", spid: 3, fiberid: 4, z: 1e-5, snr: LamostSNR(g: 25))
        edit(&m)
        let flux = (0..<3909).map { Float(500 + 50 * cos(Double($0) / 200)) }
        let zeros = [Int32](repeating: 0, count: 3909)
        return LamostSpectrum(metadata: m, flux: flux, ivar: [Float](repeating: ivar, count: 3909), andMask: zeros, orMask: zeros)
    }

    /// Writes `spectrum` under `name` in `directory` and processes it with the default preprocessing.
    static func process(_ spectrum: LamostSpectrum, name: String, in directory: URL) throws -> (path: String, LamostFileOutcome) {
        let url = directory.appendingPathComponent(name)
        try LamostSpectrumWriter.write(spectrum, to: url)
        let processor = LamostFileProcessor(preprocessor: try SpectrumPreprocessor())
        return (url.path, processor.process(path: url.path, sha256: "cafe", bytes: 1234))
    }

    static func rejection(_ outcome: LamostFileOutcome) -> RejectionRecord? {
        if case let .rejected(record) = outcome { return record }
        return nil
    }

    static func unreadable(_ checksum: LamostFileProcessor.Checksum) -> RejectionRecord? {
        if case let .unreadable(record) = checksum { return record }
        return nil
    }

    @Test func aSyntheticObsidIsMinusA62BitFNV1aHashOfTheFileIdentity() {
        // FNV-1a 64 of "55859-GAC_090N33_V1-8-17" is 0x77e6bc27128c9513 (computed independently);
        // -(hash >> 2) - 1 = -2159949952789456197.
        let identity = LamostFileIdentity(lmjd: 55859, planid: "GAC_090N33_V1", spid: 8, fiberid: 17)
        #expect(LamostSpectrumRecord.syntheticObsid(identity) == -2_159_949_952_789_456_197)
        var neighbour = identity
        neighbour.fiberid = 18
        #expect(LamostSpectrumRecord.syntheticObsid(neighbour) == -2_159_953_526_202_247_883)
        #expect(LamostSpectrumRecord.syntheticObsid(LamostFileIdentity(fileName: "spec-55859-GAC_090N33_V1_sp08-017.fits")!)
                == LamostSpectrumRecord.syntheticObsid(identity))
    }

    @Test func aReadableFileHasItsSHA256AndSize() throws {
        try withTemporaryDirectory("outcome") { dir in
            let path = dir.appendingPathComponent("abc").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data("abc".utf8)))
            guard case let .ok(sha256, bytes) = LamostFileProcessor.checksum(path: path) else {
                Issue.record("abc was not read")
                return
            }
            // SHA-256("abc") from FIPS 180-2, appendix B.1.
            #expect(sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(bytes == 3)
            #expect(LamostFileProcessor.checksum(path: path).sha256 == sha256)
        }
    }

    @Test func aFileThatCannotBeReadIsRejectedWithItsCause() throws {
        try withTemporaryDirectory("outcome") { dir in
            let fm = FileManager.default
            let missing = dir.appendingPathComponent("missing.fits").path
            let empty = dir.appendingPathComponent("empty.fits").path
            #expect(fm.createFile(atPath: empty, contents: Data()))
            let folder = dir.appendingPathComponent("folder.fits").path
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let dangling = dir.appendingPathComponent("dangling.fits").path
            try fm.createSymbolicLink(atPath: dangling, withDestinationPath: missing)
            let loopA = dir.appendingPathComponent("a.fits").path, loopB = dir.appendingPathComponent("b.fits").path
            try fm.createSymbolicLink(atPath: loopA, withDestinationPath: loopB)
            try fm.createSymbolicLink(atPath: loopB, withDestinationPath: loopA)

            let expected: [(String, String, String)] = [
                (missing, "file_not_found", "no such file or not readable"),
                (empty, "empty_file", "file is empty"),
                (folder, "not_a_file", "a directory, not a spectrum file"),
                (dangling, "dangling_symlink", "symbolic link to \(missing), which does not exist"),
                (loopA, "symlink_loop", "symbolic link loop (\(loopA) -> \(loopB) never reaches a file)"),
            ]
            for (path, code, why) in expected {
                #expect(Self.unreadable(LamostFileProcessor.checksum(path: path))
                        == RejectionRecord(stage: "ingest_lamost", source: path, code: code, reason: "\(path): \(why)"))
                #expect(LamostFileProcessor.checksum(path: path).sha256 == nil)
            }
        }
    }

    @Test func aGoodFileIsReadAndPreprocessed() throws {
        try withTemporaryDirectory("outcome") { dir in
            let (path, outcome) = try Self.process(Self.spectrum(), name: "spec-57000-P1_sp03-004.fits", in: dir)
            guard case let .read(record, preprocessed, rejection) = outcome else {
                Issue.record("not read: \(outcome)")
                return
            }
            #expect(record.obsid == 9001)
            #expect(!record.obsidSynthetic)
            #expect((record.path, record.sha256, record.bytes) == (path, "cafe", 1234))
            #expect(record.spectrum.metadata.fiberid == 4)
            #expect(rejection == nil)
            // The default grid is 3900-5800 Angstrom in steps of 1.
            #expect(preprocessed?.spectrum.flux.count == 1901)
            // The arrays are coded for storage and decode within half a flux step of the preprocessed values.
            let coded = try #require(preprocessed?.arrays)
            #expect(coded.fluxCodes.count == 1901 && coded.ivarCodes.count == 1901)
            for (a, b) in zip(coded.flux, preprocessed?.spectrum.flux ?? []) {
                #expect(abs(Double(a) - Double(b)) <= Double(coded.fluxStep) / 2 * 1.001 + 1e-7)
            }
        }
    }

    @Test func aFileWithoutOBSIDNamedLikeTheArchiveGetsItsSyntheticObsid() throws {
        try withTemporaryDirectory("outcome") { dir in
            let (_, outcome) = try Self.process(Self.spectrum { $0.obsid = nil }, name: "spec-57000-P1_sp03-004.fits", in: dir)
            guard case let .read(record, _, _) = outcome else {
                Issue.record("not read: \(outcome)")
                return
            }
            let expected = LamostSpectrumRecord.syntheticObsid(LamostFileIdentity(lmjd: 57000, planid: "P1", spid: 3, fiberid: 4))
            #expect(record.obsid == expected)
            #expect(record.obsidSynthetic)
            #expect(record.spectrum.notes.contains { $0.hasPrefix("no OBSID keyword: obsid \(expected) is synthetic") })
        }
    }

    @Test func aFileWithoutOBSIDOrArchiveNameIsRejected() throws {
        try withTemporaryDirectory("outcome") { dir in
            let (path, outcome) = try Self.process(Self.spectrum { $0.obsid = nil }, name: "renamed.fits", in: dir)
            #expect(Self.rejection(outcome) == RejectionRecord(
                stage: "ingest_lamost", source: path, code: "missing_keyword",
                reason: "\(path): no OBSID keyword and the file name is not spec-LMJD-PLANID_spSS-FFF.fits"))
        }
    }

    @Test func aPositionOutOfRangeRejectsTheFile() throws {
        try withTemporaryDirectory("outcome") { dir in
            let (path, outcome) = try Self.process(Self.spectrum { $0.ra = 360 }, name: "ra.fits", in: dir)
            #expect(Self.rejection(outcome) == RejectionRecord(stage: "ingest_lamost", source: path, object: "9001",
                                                              code: "invalid_position", reason: "\(path): RA 360.0, DEC 2.0 out of range"))
            let (south, below) = try Self.process(Self.spectrum { $0.dec = -90.5 }, name: "dec.fits", in: dir)
            #expect(Self.rejection(below)?.reason == "\(south): RA 1.0, DEC -90.5 out of range")
        }
    }

    @Test func aValueItsColumnCannotHoldRejectsTheFile() throws {
        try withTemporaryDirectory("outcome") { dir in
            let (_, outcome) = try Self.process(Self.spectrum { $0.spid = 40000 }, name: "spid.fits", in: dir)
            #expect(Self.rejection(outcome)?.code == "out_of_range")
            #expect(Self.rejection(outcome)?.reason.contains("SPID 40000 out of range 0..32767") == true)
        }
    }

    @Test func aFileThatIsNotFITSIsRejectedWithTheReadersCode() throws {
        try withTemporaryDirectory("outcome") { dir in
            let path = dir.appendingPathComponent("text.fits").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(String(repeating: "not a FITS file\n", count: 300).utf8)))
            let outcome = LamostFileProcessor(preprocessor: try SpectrumPreprocessor()).process(path: path, sha256: "x", bytes: 4800)
            let rejection = Self.rejection(outcome)
            #expect(rejection?.stage == "ingest_lamost")
            #expect(rejection?.code == "not_fits")
            #expect(rejection?.object == nil)
        }
    }

    @Test func aSpectrumWithoutRedshiftIsKeptButNotPreprocessed() throws {
        try withTemporaryDirectory("outcome") { dir in
            let (path, outcome) = try Self.process(Self.spectrum { $0.z = nil; $0.objectClass = "QSO" }, name: "z.fits", in: dir)
            guard case let .read(record, preprocessed, rejection) = outcome else {
                Issue.record("not read: \(outcome)")
                return
            }
            #expect(record.obsid == 9001)
            #expect(preprocessed == nil)
            #expect(rejection == RejectionRecord(
                stage: "preprocess", source: path, object: "9001", code: "no_redshift",
                reason: "\(path): no redshift (Z is missing or -9999, class QSO): no rest frame"))
        }
    }

    @Test func aSpectrumPreprocessingRefusesIsKeptWithTheRefusal() throws {
        try withTemporaryDirectory("outcome") { dir in
            let (path, outcome) = try Self.process(Self.spectrum(ivar: 0), name: "dark.fits", in: dir)
            guard case let .read(_, preprocessed, rejection) = outcome else {
                Issue.record("not read: \(outcome)")
                return
            }
            #expect(preprocessed == nil)
            #expect(rejection?.stage == "preprocess")
            #expect(rejection?.object == "9001")
            #expect(rejection?.code == "too_few_good_pixels")
            #expect(rejection?.reason.hasPrefix("\(path): ") == true)
        }
    }
}
