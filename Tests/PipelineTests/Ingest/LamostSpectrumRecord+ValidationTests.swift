import Catalogue
import Formats
@testable import Pipeline
import Testing

/// A spectrum row is checked against its `lamost_spectrum` columns: identifying values out of range
/// reject the file, other values are coerced with a note, and reasons name the keyword and its card.
@Suite struct LamostSpectrumRecordValidationTests {
    static let path = "/data/spec-57000-P1_sp03-004.fits"

    /// A valid two-pixel record; `edit` changes its metadata, `cards` become its header (card numbers 1, 2, ...).
    static func record(obsidSynthetic: Bool = false, cards: [HeaderCard] = [],
                       _ edit: (inout LamostSpectrumMetadata) -> Void = { _ in }) -> LamostSpectrumRecord {
        var m = LamostSpectrumMetadata(obsid: 9001, designation: "J000001.00+000002.0", ra: 1, dec: 2, lmjd: 57000, mjd: 56999,
                                       planid: "P1", spid: 3, fiberid: 4, snr: LamostSNR(g: 25))
        edit(&m)
        var spectrum = LamostSpectrum(metadata: m, flux: [1, 2], ivar: [1, 1], andMask: [0, 0], orMask: [0, 0])
        spectrum.header = FITSHeader(cards: cards)
        return LamostSpectrumRecord(obsid: obsidSynthetic ? -5 : 9001, obsidSynthetic: obsidSynthetic, spectrum: spectrum,
                                    path: path, sha256: "ab", bytes: 2)
    }

    static func outOfRange(_ reason: String, object: String? = "9001") -> RejectionRecord {
        RejectionRecord(stage: "ingest_lamost", source: path, object: object, code: "out_of_range", reason: "\(path): \(reason)")
    }

    @Test func aValidRecordIsKeptUnchanged() {
        var record = Self.record()
        let before = record.spectrum.metadata
        #expect(record.validateForStorage() == nil)
        #expect(record.spectrum.metadata == before)
        #expect(record.spectrum.notes.isEmpty)
    }

    @Test func theEdgesOfTheColumnRangesAreAccepted() {
        for (spid, fiberid, lmjd) in [(0, 0, 0), (32767, 32767, 2_147_483_647)] {
            var record = Self.record { $0.spid = spid; $0.fiberid = fiberid; $0.lmjd = lmjd; $0.mjd = lmjd }
            #expect(record.validateForStorage() == nil)
            #expect(record.spectrum.notes.isEmpty)
        }
    }

    @Test func identifyingValuesOutOfRangeRejectTheFileNamingKeywordRangeAndCard() {
        let cards = [HeaderCard("SIMPLE", .bool(true)), HeaderCard("LMJD", .int(-1)), HeaderCard("SPID", .int(32768)),
                     HeaderCard("FIBERID", .int(-1))]
        var spid = Self.record(cards: cards) { $0.spid = 32768; $0.fiberid = -1 }
        #expect(spid.validateForStorage() == Self.outOfRange("SPID 32768 out of range 0..32767 (keyword SPID, card 3)"))
        var fiber = Self.record(cards: cards) { $0.fiberid = -1 }
        #expect(fiber.validateForStorage() == Self.outOfRange("FIBERID -1 out of range 0..32767 (keyword FIBERID, card 4)"))
        var day = Self.record { $0.lmjd = 2_147_483_648 }
        #expect(day.validateForStorage() == Self.outOfRange("LMJD 2147483648 out of range 0..2147483647 (keyword LMJD)"))
    }

    @Test func aRejectionOfASyntheticObsidNamesNoObject() {
        var record = Self.record(obsidSynthetic: true) { $0.obsid = nil; $0.lmjd = -3 }
        #expect(record.validateForStorage() == Self.outOfRange("LMJD -3 out of range 0..2147483647 (keyword LMJD)", object: nil))
    }

    @Test func anMJDOutOfRangeIsStoredAsNullWithANote() {
        var record = Self.record(cards: [HeaderCard("SIMPLE", .bool(true)), HeaderCard("MJD", .int(-1))]) { $0.mjd = -1 }
        #expect(record.validateForStorage() == nil)
        #expect(record.spectrum.metadata.mjd == nil)
        #expect(record.spectrum.notes == ["MJD -1 out of range 0..2147483647 (keyword MJD, card 2): stored as NULL"])
    }

    @Test func aSignalToNoiseBeyondTheLargestRealIsStoredAsNullUnderTheHeadersKeyword() {
        let largest = Double(Float.greatestFiniteMagnitude)
        var record = Self.record(cards: [HeaderCard("SNRU", .double(largest)), HeaderCard("SNRG", .double(1e39))]) {
            $0.snr = LamostSNR(u: largest, g: 1e39, r: -.infinity)
        }
        #expect(record.validateForStorage() == nil)
        #expect(record.spectrum.metadata.snr == LamostSNR(u: largest))
        #expect(record.spectrum.notes == [
            "SNRG 1e+39 exceeds the largest real (3.4e38) (keyword SNRG, card 2): stored as NULL",
            // Without an SNRR card the DR1 spelling SN_R is named.
            "SN_R -inf exceeds the largest real (3.4e38) (keyword SN_R): stored as NULL",
        ])
    }

    @Test func nulBytesAreRemovedFromTextValuesWithANote() {
        var record = Self.record(cards: [HeaderCard("PLANID", .string("P1")), HeaderCard("DESIG", .string("J1"))]) {
            $0.designation = "J000001.00\0+000002.0"
            $0.subclass = "\0K3"
            $0.planid = "P\u{0}1"
        }
        #expect(record.validateForStorage() == nil)
        #expect(record.spectrum.metadata.designation == "J000001.00+000002.0")
        #expect(record.spectrum.metadata.subclass == "K3")
        #expect(record.spectrum.metadata.planid == "P1")
        #expect(record.spectrum.notes == [
            "NUL byte removed from DESIG (keyword DESIG, card 2)",
            "NUL byte removed from SUBCLASS (keyword SUBCLASS)",
            "NUL byte removed from PLANID (keyword PLANID, card 1)",
        ])
    }

    @Test func aSyntheticObsidIsNotedAndReaderNotesLoseTheirNulBytes() {
        var record = Self.record(obsidSynthetic: true) { $0.obsid = nil }
        record.spectrum.notes = ["row 2 disagrees\0 with the grid"]
        #expect(record.validateForStorage() == nil)
        #expect(record.spectrum.notes == [
            "row 2 disagrees with the grid",
            "no OBSID keyword: obsid -5 is synthetic, derived from the file identity (LMJD, PLANID, SPID, FIBERID)",
        ])
    }

    @Test func aStorableRejectionWritesNulBytesAsBackslashZero() {
        let record = RejectionRecord(stage: "ingest_lamost", source: "/d/a\0b.fits", object: "x\0", code: "nul",
                                     reason: "DESIG 'a\0b'")
        #expect(record.storable == RejectionRecord(stage: "ingest_lamost", source: "/d/a\\0b.fits", object: "x\\0", code: "nul",
                                                   reason: "DESIG 'a\\0b'"))
        let clean = RejectionRecord(stage: "s", source: "f", code: "c", reason: "r")
        #expect(clean.storable == clean)
    }
}
