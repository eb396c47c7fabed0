import Foundation
import Testing
@testable import Formats

/// Typed keyword access over a spectrum's headers: which header answers, conversions, sentinels, and
/// errors that name the keyword, file and HDU (or the non-ASCII byte that is the real problem).
@Suite struct HeaderLookupTests {
    static let file = "/data/spec-55859-F5902_sp08-171.fits.gz"

    static func lookup(_ primary: [HeaderCard], _ table: [HeaderCard] = []) -> HeaderLookup {
        HeaderLookup(headers: [(FITSHeader(cards: primary), 0), (FITSHeader(cards: table), 1)], file: file)
    }

    /// A header parsed from card images, each padded to 80 bytes, with `byte` put at `offset` of card `card` (1-based).
    static func header(_ images: [String], card: Int, offset: Int, byte: UInt8) -> FITSHeader {
        var bytes = images.flatMap { Array($0.utf8) + [UInt8](repeating: 0x20, count: 80 - $0.utf8.count) }
        bytes[(card - 1) * 80 + offset] = byte
        return FITSHeader(cardImageBytes: bytes)
    }

    /// The error `body` throws (`nil` when it returns, or throws something other than `FITSError`).
    static func thrown(_ body: () throws -> Void) -> FITSError? {
        do { try body(); return nil } catch { return error as? FITSError }
    }

    @Test func firstHeaderHavingTheKeyAnswersAndErrorsNameItsHDU() throws {
        let lookup = Self.lookup([HeaderCard("Z", .double(0.001)), HeaderCard("OBJNAME", .undefined)],
                                 [HeaderCard("Z", .double(0.5)), HeaderCard("OBJNAME", .string("star")),
                                  HeaderCard("SNRG", .string("high"))])
        #expect(try lookup.requiredDouble("Z") == 0.001)
        #expect(try lookup.requiredString("OBJNAME") == "star")
        #expect(lookup.cardNumber("OBJNAME") == 2 && lookup.cardNumber("SNRG") == 3 && lookup.cardNumber("NONE") == nil)
        #expect(throws: FITSError.invalidKeyword("SNRG", value: "high", file: Self.file, hdu: 1)) {
            try lookup.requiredDouble("SNRG")
        }
        #expect(throws: FITSError.missingKeyword("COEFF0", file: Self.file, hdu: 0)) { try lookup.requiredDouble("COEFF0") }
    }

    @Test func requiredNumbersAcceptNumericTextAndIntegralReals() throws {
        let lookup = Self.lookup([
            HeaderCard("A", .int(3)), HeaderCard("B", .string(" 2.5 ")), HeaderCard("LMJD", .double(55862.0)),
            HeaderCard("SPID", .string(" 8 ")), HeaderCard("NAME", .int(7)), HeaderCard("FLAG", .bool(true)),
        ])
        #expect(try lookup.requiredDouble("A") == 3)
        #expect(try lookup.requiredDouble("B") == 2.5)
        #expect(try lookup.requiredInt("LMJD") == 55862)
        #expect(try lookup.requiredInt("SPID") == 8)
        #expect(try lookup.requiredString("NAME") == "7")
        #expect(try lookup.requiredString("FLAG") == "T")
    }

    @Test func unusableRequiredValuesNameTheKeywordAndTheirText() {
        let lookup = Self.lookup([
            HeaderCard("NANV", .double(.nan)), HeaderCard("INFV", .double(-.infinity)), HeaderCard("HALF", .double(1.5)),
            HeaderCard("WORD", .string("abc")), HeaderCard("BLANK", .string("   ")),
        ])
        #expect(Self.thrown { _ = try lookup.requiredDouble("NANV") } == .nonFiniteKeyword("NANV", file: Self.file, hdu: 0))
        #expect(Self.thrown { _ = try lookup.requiredInt("INFV") } == .nonFiniteKeyword("INFV", file: Self.file, hdu: 0))
        #expect(Self.thrown { _ = try lookup.requiredInt("HALF") }
            == .invalidKeyword("HALF", value: "1.5", file: Self.file, hdu: 0))
        #expect(Self.thrown { _ = try lookup.requiredInt("WORD") }
            == .invalidKeyword("WORD", value: "abc", file: Self.file, hdu: 0))
        #expect(Self.thrown { _ = try lookup.requiredString("BLANK") }
            == .invalidKeyword("BLANK", value: "   ", file: Self.file, hdu: 0))
    }

    @Test func optionalValuesAreNilWhenAbsentUnusableOrASentinel() {
        let lookup = Self.lookup([
            HeaderCard("SNRU", .double(-9999)), HeaderCard("SNRG", .int(-999)), HeaderCard("SNRR", .string("NaN")),
            HeaderCard("SNRI", .string(" 12.5")), HeaderCard("SNRZ", .double(.infinity)), HeaderCard("TEXT", .string("x")),
            HeaderCard("N", .double(4.0)), HeaderCard("M", .double(4.5)), HeaderCard("S", .string("  ")),
            HeaderCard("T", .string(" GAC ")),
        ])
        #expect(lookup.optionalDouble("SNRU") == nil && lookup.optionalDouble("SNRG") == nil)
        #expect(lookup.optionalDouble("SNRR") == nil && lookup.optionalDouble("SNRZ") == nil)
        #expect(lookup.optionalDouble("TEXT") == nil && lookup.optionalDouble("ABSENT") == nil)
        #expect(lookup.optionalDouble("SNRI") == 12.5)
        #expect(lookup.optionalInt("N") == 4 && lookup.optionalInt("M") == nil && lookup.optionalInt("TEXT") == nil)
        #expect(lookup.optionalString("S") == nil && lookup.optionalString("T") == "GAC")
        #expect(lookup.optionalString("N") == "4.0" && lookup.optionalString("ABSENT") == nil)
    }

    @Test func optionalPositiveIntIsNilOnlyWhenAbsentOrUndefined() throws {
        let lookup = Self.lookup([HeaderCard("OBSID", .string(" 108171 ")), HeaderCard("FIBERID", .undefined)],
                                 [HeaderCard("X", .int(1)), HeaderCard("SPID", .int(0))])
        #expect(try lookup.optionalPositiveInt("OBSID") == 108171)
        #expect(try lookup.optionalPositiveInt("FIBERID") == nil && lookup.optionalPositiveInt("NONE") == nil)
        #expect(Self.thrown { _ = try lookup.optionalPositiveInt("SPID") }
            == .unusableKeyword("SPID", value: "0", expected: "a positive integer", card: 2, file: Self.file, hdu: 1))
    }

    @Test func aNonASCIIByteInTheNeededCardIsTheReportedProblem() throws {
        let header = Self.header(["SIMPLE  =                    T", "COEFF0  = 3.5682", "ORIGIN  = 'NAOC'"],
                                 card: 2, offset: 14, byte: 0xE9)
        let lookup = HeaderLookup(headers: [(header, 0)], file: Self.file)
        #expect(Self.thrown { _ = try lookup.requiredDouble("COEFF0") }
            == .nonASCIIByte(key: "COEFF0", card: 2, byte: 0xE9, file: Self.file, hdu: 0))
        #expect(try lookup.requiredString("ORIGIN") == "NAOC")
        #expect(lookup.irregularityNotes == ["non-ASCII byte 0xE9 in card 2 (keyword COEFF0), read as U+FFFD"])
    }

    @Test func aGarbledKeywordExplainsAMissingOne() throws {
        let header = Self.header(["SIMPLE  =                    T", "OBSID   =            108171"],
                                 card: 2, offset: 2, byte: 0xC3)
        let lookup = HeaderLookup(headers: [(FITSHeader(), 0), (header, 1)], file: Self.file)
        let error = try #require(Self.thrown { _ = try lookup.requiredInt("OBSID") })
        guard case .nonASCIIByte(_, let card, let byte, let file, let hdu) = error else {
            Issue.record("expected nonASCIIByte, got \(error)")
            return
        }
        #expect(card == 2 && byte == 0xC3 && file == Self.file && hdu == 1)
        #expect(lookup.irregularityNotes.count == 1 && lookup.irregularityNotes[0].hasPrefix("HDU 1: non-ASCII byte 0xC3 in card 2"))
    }
}
