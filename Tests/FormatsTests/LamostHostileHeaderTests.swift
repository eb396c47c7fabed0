import Foundation
import Testing
@testable import Formats

/// Headers a hostile tester wrote: non-ASCII and NUL bytes in cards, invalid OBSIDs, huge headers, and
/// two broken files read in a row (CFITSIO's message stack must not leak between them).
@Suite struct LamostHostileHeaderTests {
    /// Writes an uncompressed spectrum with `edit` applied to its cards; returns its URL.
    static func write(_ dir: URL, _ name: String, metadata: LamostSpectrumMetadata = LamostSpectrumFactory.metadata(),
                      cards edit: (inout [HeaderCard]) -> Void = { _ in }) throws -> URL {
        let url = dir.appendingPathComponent(name)
        let spectrum = LamostSpectrumFactory.spectrum(pixels: 64, metadata: metadata)
        var cards = LamostSpectrumWriter.headerCards(for: metadata)
        edit(&cards)
        let file = try FITSFile.create(url: url)
        try file.createFloatImage(shape: [64, 5])
        try file.writeCards(cards)
        let wave = spectrum.wavelength.map { Float($0) }
        try file.writeImage(spectrum.flux + spectrum.ivar + wave + [Float](repeating: 0, count: 128))
        try file.close()
        return url
    }

    /// Replaces the byte at `offset` within the first card whose text starts with `prefix`; returns
    /// that card's 1-based number.
    @discardableResult
    static func patch(_ url: URL, cardStartingWith prefix: String, offset: Int, byte: UInt8) throws -> Int {
        var bytes = [UInt8](try Data(contentsOf: url))
        let key = Array(prefix.utf8)
        var card = 0
        while card * 80 < bytes.count, Array(bytes[(card * 80)..<(card * 80 + key.count)]) != key { card += 1 }
        try #require(card * 80 < bytes.count, "no card starting with \(prefix)")
        bytes[card * 80 + offset] = byte
        try Data(bytes).write(to: url)
        return card + 1
    }

    static func readError(_ url: URL) -> FITSError? {
        do { _ = try LamostSpectrumReader.read(url: url); return nil } catch { return error }
    }

    @Test func nonASCIIByteInAnUnneededCardKeepsTheFileWithANote() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try Self.write(dir, "spec-55859-GAC_090N33_V1_sp08-017.fits")
        let card = try Self.patch(url, cardStartingWith: "ORIGIN  =", offset: 14, byte: 0xE9)
        let spectrum = try LamostSpectrumReader.read(url: url)
        #expect(spectrum.metadata.coeff1 == 0.0001)
        #expect(spectrum.metadata.obsid == 123_456_789)
        #expect(spectrum.notes.contains { $0.contains("non-ASCII byte 0xE9 in card \(card) (keyword ORIGIN)") },
                "\(spectrum.notes)")
    }

    @Test func nonASCIIByteInANeededValueIsReportedAsSuch() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try Self.write(dir, "spec-55859-GAC_090N33_V1_sp08-017.fits")
        let card = try Self.patch(url, cardStartingWith: "COEFF1  =", offset: 29, byte: 0xC3)
        let error = try #require(Self.readError(url))
        #expect(error.code == "non_ascii_byte")
        #expect(error.description.contains("non-ASCII byte 0xC3 in card \(card) (keyword COEFF1)"), "\(error)")
        #expect(error.description.hasPrefix(url.path))
    }

    @Test func nulByteInAStringIsRemovedWithANote() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try Self.write(dir, "spec-55859-GAC_090N33_V1_sp08-017.fits")
        // DESIG = 'LAMOST J012345.67+123456.7': a NUL after "LAMOST J0123".
        let card = try Self.patch(url, cardStartingWith: "DESIG   =", offset: 11 + 12, byte: 0)
        let spectrum = try LamostSpectrumReader.read(url: url)
        #expect(spectrum.metadata.designation == "LAMOST J012345.67+123456.7".replacingOccurrences(of: "J01234", with: "J0123"))
        #expect(spectrum.metadata.coeff1 == 0.0001, "the cards after the NUL are still read")
        #expect(spectrum.notes.contains { $0.contains("NUL byte in card \(card) (keyword DESIG)") }, "\(spectrum.notes)")
        #expect(!spectrum.header.jsonString.contains("\\u0000"))
    }

    @Test(arguments: [HeaderValue.string("abc"), .double(1.5), .double(1e20), .int(0), .int(-5)])
    func invalidOBSIDIsRejectedWithItsValue(value: HeaderValue) throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try Self.write(dir, "spec-55859-GAC_090N33_V1_sp08-017.fits") { cards in
            if let i = cards.firstIndex(where: { $0.key == "OBSID" }) { cards[i].value = value }
        }
        let error = try #require(Self.readError(url), "OBSID \(value) was accepted")
        #expect(error.code == "invalid_keyword")
        #expect(error.description.contains("OBSID"))
        #expect(error.description.contains("not a positive integer"), "\(error)")
    }

    @Test func headerOf30000CardsIsRefusedWithItsSize() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try Self.write(dir, "spec-55859-GAC_090N33_V1_sp08-017.fits") { cards in
            for i in 0..<30_000 { cards.append(HeaderCard(String(format: "X%07d", i), .int(Int64(i)))) }
        }
        let error = try #require(Self.readError(url))
        #expect(error.code == "header_too_large")
        #expect(error.description.contains("30"), "\(error)")
    }

    /// A truncated file leaves messages on CFITSIO's stack; the next file's reason must not quote them.
    @Test func twoBrokenFilesInARowEachNameOnlyThemselves() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let first = try Self.write(dir, "spec-55859-FIRSTBROKEN_sp08-001.fits")
        let bytes = try Data(contentsOf: first)
        try bytes.prefix(bytes.count - 900).write(to: first)
        let second = try Self.write(dir, "spec-55859-SECONDBROKEN_sp08-002.fits")
        Self.patchBITPIX(second)
        let firstError = try #require(Self.readError(first))
        #expect(firstError.description.contains(first.path))
        let secondError = try #require(Self.readError(second))
        #expect(secondError.description.contains(second.path))
        #expect(!secondError.description.contains("FIRSTBROKEN"), "\(secondError)")
        let third = try #require(Self.readError(second))
        #expect(third.description.components(separatedBy: "SECONDBROKEN").count == secondError.description.components(separatedBy: "SECONDBROKEN").count,
                "the same file read twice must give the same reason: \(secondError) vs \(third)")
    }

    /// BITPIX = 12: a header CFITSIO refuses at open.
    static func patchBITPIX(_ url: URL) {
        guard var bytes = try? [UInt8](Data(contentsOf: url)) else { return }
        let card = Array("BITPIX  =                  -32".utf8)
        let bad = Array("BITPIX  =                   12".utf8)
        if bytes.count > 160, Array(bytes[80..<(80 + card.count)]) == card {
            bytes.replaceSubrange(80..<(80 + bad.count), with: bad)
            try? Data(bytes).write(to: url)
        }
    }
}
