import Foundation
import Testing
@testable import Formats

@Suite struct LamostSpectrumWriterTests {
    @Test func writtenImageFileReadsBackIntact() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let original = LamostSpectrumFactory.spectrum()
        let url = dir.appendingPathComponent(original.metadata.identity.fileName(compressed: true))
        try LamostSpectrumWriter.write(original, to: url, extraCards: [HeaderCard("MAG1", .double(20.38), comment: "[mag]")])
        let read = try LamostSpectrumReader.read(url: url)
        #expect(read.layout == .image && read.wavelengthSource == .imageRow)
        #expect(read.metadata == original.metadata)
        #expect(read.flux == original.flux && read.ivar == original.ivar)
        #expect(read.andMask == original.andMask && read.orMask == original.orMask)
        #expect(read.identity == original.metadata.identity)
        #expect(read.notes.isEmpty)
        // Row 2 is float32: each wavelength is the float32 rounding of the grid value.
        #expect(zip(read.wavelength, original.wavelength).allSatisfy { $0 == Double(Float($1)) })
        #expect(read.header.value("MAG1") == .double(20.38))
        #expect(read.header.value("EXTEN0") == .string("Flux, Inverse, Wavelength, Andmask, Ormask"))
        #expect(read.header.value("VACUUM") == .bool(true) && read.header.value("N_EXTEN") == .int(1))
        #expect(read.header.value("DATE") == nil && read.header.value("CHECKSUM") == nil)
        #expect(read.badPixels.filter { $0 }.count == 3)
        for card in LamostSpectrumWriter.headerCards(for: original.metadata) where !card.isCommentary {
            #expect(read.header.value(card.key) == card.value, "\(card.key)")
        }
    }

    @Test func sameSpectrumGivesTheSameBytes() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        let spectrum = LamostSpectrumFactory.spectrum(pixels: 3748)
        let a = dir.appendingPathComponent("a.fits.gz"), b = dir.appendingPathComponent("b.fits.gz")
        try LamostSpectrumWriter.write(spectrum, to: a)
        try LamostSpectrumWriter.write(spectrum, to: b)
        let bytesA = try Data(contentsOf: a), bytesB = try Data(contentsOf: b)
        #expect(bytesA == bytesB)
        #expect(bytesA.prefix(2) == Data([0x1f, 0x8b]))
        // Writing over an existing file replaces it.
        try LamostSpectrumWriter.write(LamostSpectrumFactory.spectrum(pixels: 3000), to: a)
        #expect(try LamostSpectrumReader.read(url: a).pixelCount == 3000)
    }

    @Test func missingOptionalValuesRoundTripAsNil() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        var metadata = LamostSpectrumFactory.metadata(obsid: nil)
        metadata.z = nil; metadata.zErr = nil; metadata.helioRV = nil; metadata.snr = LamostSNR()
        metadata.designation = nil; metadata.mjd = nil; metadata.objectClass = nil
        let url = dir.appendingPathComponent("plain.fits")
        try LamostSpectrumWriter.write(LamostSpectrumFactory.spectrum(pixels: 100, metadata: metadata), to: url)
        let read = try LamostSpectrumReader.read(url: url)
        #expect(read.metadata == metadata)
        #expect(read.header.value("Z") == .double(-9999))
        #expect(read.identity == nil)
    }

    @Test func mismatchedArraysAreRefused() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory()
        defer { FormatsTestSupport.removeTemporary(dir) }
        var spectrum = LamostSpectrumFactory.spectrum(pixels: 50)
        spectrum.ivar.removeLast()
        let url = dir.appendingPathComponent("bad.fits")
        #expect { try LamostSpectrumWriter.write(spectrum, to: url) } throws: { error in
            if case .inconsistentArrays = error as? FITSError { return true } else { return false }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
