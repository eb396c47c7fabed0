import Foundation
import Testing
@testable import Formats

/// One small hand-made file per rejection reason, each expecting its own error case.
@Suite struct LamostSpectrumRejectionTests {
    let dir: URL

    init() throws { dir = try FormatsTestSupport.makeTemporaryDirectory("reject") }

    private func readError(_ url: URL) -> FITSError? {
        do {
            _ = try LamostSpectrumReader.read(url: url)
            return nil
        } catch {
            return error
        }
    }

    /// Writes a 5-row image with the factory's header, with `edit` applied to the cards and pixels.
    private func writeImage(_ name: String, rows: Int = 5, pixels: Int = 64,
                            cards edit: (inout [HeaderCard]) -> Void = { _ in },
                            wavelength: ((inout [Float]) -> Void)? = nil) throws -> URL {
        let spectrum = LamostSpectrumFactory.spectrum(pixels: pixels)
        var cards = LamostSpectrumWriter.headerCards(for: spectrum.metadata)
        edit(&cards)
        var wave = spectrum.wavelength.map { Float($0) }
        wavelength?(&wave)
        let url = dir.appendingPathComponent(name)
        let file = try FITSFile.create(url: url)
        try file.createFloatImage(shape: [pixels, rows])
        try file.writeCards(cards)
        var data = spectrum.flux + spectrum.ivar + wave + [Float](repeating: 0, count: 2 * pixels)
        data = Array(data.prefix(rows * pixels)) + [Float](repeating: 1, count: max(0, rows * pixels - data.count))
        try file.writeImage(data)
        try file.close()
        return url
    }

    @Test func truncatedGzipIsReportedAsTruncated() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let whole = dir.appendingPathComponent("whole.fits.gz")
        try LamostSpectrumWriter.write(LamostSpectrumFactory.spectrum(), to: whole)
        let bytes = try Data(contentsOf: whole)
        for (name, keep) in [("cut-in-data.fits.gz", bytes.count / 2), ("cut-in-header.fits.gz", 200)] {
            let cut = dir.appendingPathComponent(name)
            try bytes.prefix(keep).write(to: cut)
            #expect(readError(cut) == .truncated(file: cut.path, hdu: 0), "\(name)")
        }
    }

    @Test func truncatedPlainFileIsReportedAsTruncated() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let whole = dir.appendingPathComponent("whole.fits")
        try LamostSpectrumWriter.write(LamostSpectrumFactory.spectrum(), to: whole)
        let cut = dir.appendingPathComponent("cut.fits")
        try Data(contentsOf: whole).prefix(20_000).write(to: cut)
        #expect(readError(cut) == .truncated(file: cut.path, hdu: 0))
    }

    @Test func textFileIsNotFITS() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let small = dir.appendingPathComponent("note.fits")
        try Data("this is not a FITS file\n".utf8).write(to: small)
        #expect(readError(small) == .notFITS(file: small.path))
        let large = dir.appendingPathComponent("large.fits")
        try Data(String(repeating: "x", count: 9000).utf8).write(to: large)
        #expect(readError(large) == .notFITS(file: large.path))
        let missing = dir.appendingPathComponent("absent.fits")
        #expect(readError(missing) == .fileNotFound(file: missing.path))
    }

    @Test func imageWithFourRowsHasWrongDimensions() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try writeImage("four-rows.fits", rows: 4)
        #expect(readError(url) == .wrongDimensions(file: url.path, hdu: 0, expected: "2 axes, NAXIS1 >= 2 x NAXIS2 = 5",
                                                   found: [64, 4]))
    }

    @Test func nonFiniteRequiredKeywordIsRejected() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try writeImage("nan-ra.fits") { cards in
            if let i = cards.firstIndex(where: { $0.key == "RA" }) { cards[i].value = .double(.nan) }
        }
        #expect(readError(url) == .nonFiniteKeyword("RA", file: url.path, hdu: 0))
        // A non-finite optional value is only missing.
        let optional = try writeImage("inf-z.fits") { cards in
            if let i = cards.firstIndex(where: { $0.key == "Z" }) { cards[i].value = .double(.infinity) }
        }
        #expect(try LamostSpectrumReader.read(url: optional).metadata.z == nil)
    }

    @Test func nonMonotonicWavelengthIsRejected() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try writeImage("swapped.fits") { _ in } wavelength: { wave in wave.swapAt(30, 31) }
        #expect(readError(url) == .nonMonotonicWavelength(file: url.path, index: 31))
    }

    @Test func missingRequiredKeywordNamesFileAndKeyword() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try writeImage("no-coeff1.fits") { cards in cards.removeAll { $0.key == "COEFF1" } }
        let error = readError(url)
        #expect(error == .missingKeyword("COEFF1", file: url.path, hdu: 0))
        #expect(error?.description.contains("COEFF1") == true && error?.description.contains("no-coeff1.fits") == true)
        let noRA = try writeImage("no-ra.fits") { cards in cards.removeAll { $0.key == "RA" } }
        #expect(readError(noRA) == .missingKeyword("RA", file: noRA.path, hdu: 0))
    }

    @Test func wavelengthRowFarFromTheGridFallsBackToKeywordsWithANote() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try writeImage("shifted.fits") { _ in } wavelength: { wave in
            for i in wave.indices { wave[i] += 1 }
        }
        let spectrum = try LamostSpectrumReader.read(url: url)
        #expect(spectrum.wavelengthSource == .keywords)
        #expect(spectrum.notes.count == 1)
        #expect(spectrum.wavelength[0] == pow(10, 3.5682))
    }

    @Test func missingEXTEN0DecidesFromRowTwo() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = try writeImage("no-exten0.fits") { cards in cards.removeAll { $0.key == "EXTEN0" } }
        #expect(try LamostSpectrumReader.read(url: url).wavelengthSource == .imageRow)
        let flat = try writeImage("no-exten0-flat.fits") { cards in
            cards.removeAll { $0.key == "EXTEN0" }
        } wavelength: { wave in for i in wave.indices { wave[i] = 1 } }
        let spectrum = try LamostSpectrumReader.read(url: flat)
        #expect(spectrum.wavelengthSource == .keywords && spectrum.notes.count == 1)
    }

    @Test func tableLayoutIsFoundByItsColumns() throws {
        defer { FormatsTestSupport.removeTemporary(dir) }
        let spectrum = LamostSpectrumFactory.spectrum(pixels: 40)
        func write(_ name: String, wave: [Float]) throws -> URL {
            let url = dir.appendingPathComponent(name)
            let file = try FITSFile.create(url: url)
            try file.createEmptyPrimary()
            try file.writeCards(LamostSpectrumWriter.headerCards(for: spectrum.metadata))
            let names = ["FLUX", "IVAR", "WAVELENGTH", "ANDMASK", "ORMASK", "NORMALIZATION"]
            try file.createBinaryTable(name: "SPECTRUM", columns: names.map { FITSColumnSpec(name: $0, format: "40E") },
                                       rowCount: 1)
            try file.write(column: 0, floats: spectrum.flux)
            try file.write(column: 1, floats: spectrum.ivar)
            try file.write(column: 2, floats: wave)
            try file.write(column: 3, floats: spectrum.andMask.map(Float.init))
            try file.write(column: 4, floats: spectrum.orMask.map(Float.init))
            try file.write(column: 5, floats: [Float](repeating: 1, count: 40))
            try file.close()
            return url
        }
        let wave = spectrum.wavelength.map { Float($0) }
        let good = try LamostSpectrumReader.read(url: try write("table.fits", wave: wave))
        #expect(good.layout == .table && good.wavelengthSource == .tableColumn && good.pixelCount == 40)
        #expect(good.andMask == spectrum.andMask && good.normalizedFlux == [Float](repeating: 1, count: 40))
        var bad = wave
        bad[5] = bad[4]
        let url = try write("table-bad.fits", wave: bad)
        #expect(readError(url) == .nonMonotonicWavelength(file: url.path, index: 5))
    }
}
