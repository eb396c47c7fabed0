import Foundation
import Testing
@testable import Formats

@Suite struct ApogeeAllStarTests {
    /// `count` stars with varied labels; every 7th misses its labels, star 2 has ASPCAPFLAG bit 31.
    static func stars(_ count: Int) -> [ApogeeStar] {
        (0..<count).map { i in
            let x = Double(i)
            let missing = i % 7 == 3
            return ApogeeStar(
                apogeeID: String(format: "2M%08d+%07d", i, 7417074 - i), telescope: i % 5 == 0 ? "lco25m" : "apo25m",
                field: "FIELD_\(i % 4)", ra: 0.001 * x + 10, dec: -5 + 0.002 * x, snr: 50 + x,
                teff: missing ? nil : 4000 + 10 * x, teffErr: missing ? nil : 80, logg: missing ? nil : 2.5,
                loggErr: 0.0625, mH: -0.25, mHErr: 0.03125, alphaM: 0.125, alphaMErr: 0.015625,
                cM: missing ? nil : 0.0625, cMErr: 0.05, nM: 0.25, nMErr: 0.0625,
                aspcapFlag: i == 2 ? 0x8000_0000 | (1 << 23) : UInt64(i % 3), starFlag: i == 4 ? 1 << 18 : 0,
                extraTarg: Int64(i % 2) * 16)
        }
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= 1e-6 * max(1, abs(y))  // float32 columns: 6e-8 relative rounding
        default: return false
        }
    }

    @Test func writtenAllStarReadsBackIntact() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("allstar")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("allStar-mock.fits")
        let original = Self.stars(30)
        try ApogeeAllStarWriter.write(original, to: url)
        let reader = try ApogeeAllStarReader(url: url)
        #expect(reader.rowCount == 30 && reader.hdu == 1 && reader.absentColumns.isEmpty)
        #expect(reader.paramSymbols == ApogeeAllStarWriter.dr15ParamSymbols)
        #expect(reader.carbonIndex == 4 && reader.nitrogenIndex == 5)
        let read = try reader.readAll()
        for (r, o) in zip(read, original) {
            #expect(r.apogeeID == o.apogeeID && r.telescope == o.telescope && r.field == o.field)
            #expect(r.ra == o.ra && r.dec == o.dec && r.row >= 0)
            for path in [\ApogeeStar.snr, \.teff, \.teffErr, \.logg, \.loggErr, \.mH, \.mHErr, \.alphaM, \.alphaMErr,
                         \.cM, \.cMErr, \.nM, \.nMErr] {
                #expect(Self.close(r[keyPath: path], o[keyPath: path]), "\(o.apogeeID) \(path)")
            }
            #expect(r.aspcapFlag == o.aspcapFlag && r.starFlag == o.starFlag && r.extraTarg == o.extraTarg)
            #expect(r.param.count == 7 && r.paramCov.count == 49 && r.param[2] == nil)
        }
        #expect(read[2].aspcapFlag == 0x8080_0000 && read[2].isStarBad && read[2].hasBadAspcapFlag)
        #expect(read[4].hasBadStarFlag && !read[5].hasBadStarFlag)
    }

    @Test func sameStarsGiveTheSameBytes() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("allstar")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let a = dir.appendingPathComponent("a.fits.gz"), b = dir.appendingPathComponent("b.fits.gz")
        try ApogeeAllStarWriter.write(Self.stars(12), to: a)
        try ApogeeAllStarWriter.write(Self.stars(12), to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        #expect(try ApogeeAllStarReader(url: a).readAll().count == 12)
    }

    @Test func chunkedReadingEqualsWholeReading() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("allstar")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("allStar.fits")
        try ApogeeAllStarWriter.write(Self.stars(103), to: url)
        let reader = try ApogeeAllStarReader(url: url)
        let whole = try reader.read(rows: 0..<103)
        var chunked: [ApogeeStar] = []
        for start in stride(from: 0, to: 103, by: 10) { chunked += try reader.read(rows: start..<min(103, start + 10)) }
        #expect(chunked == whole)
        #expect(try reader.readAll(chunkSize: 7) == whole)
        #expect(try reader.read(rows: 50..<50).isEmpty)
        #expect(throws: FITSError.rowsOutOfRange(lower: 100, upper: 104, rowCount: 103, file: url.path)) {
            try reader.read(rows: 100..<104)
        }
    }

    /// A DR16-style file built by hand: VOTable-like bytes in the primary, 64-bit ASPCAPFLAG, NaN for
    /// missing values, 9 parameters with PARAM_COV flattened to 81 values, and PARAM_SYMBOL in HDU 3 with
    /// [N/M] before [C/M] so that the order must come from the file.
    @Test func dr16StyleFileWith64BitFlagsAndNaNs() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("allstar")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("allStar-dr16.fits")
        let file = try FITSFile.create(url: url)
        try file.createFloatImage(shape: [4])
        try file.writeCards([HeaderCard("VOTMETA", .bool(true), comment: "table metadata in VOTable format")])
        try file.writeImage([1, 2, 3, 4])
        let names = ["APOGEE_ID", "RA", "DEC", "SNR", "TEFF", "TEFF_ERR", "LOGG", "M_H", "ALPHA_M"]
        var specs = names.map { FITSColumnSpec(name: $0, format: $0 == "APOGEE_ID" ? "18A" : ($0 == "RA" || $0 == "DEC" ? "D" : "E")) }
        specs += [FITSColumnSpec(name: "ASPCAPFLAG", format: "K"), FITSColumnSpec(name: "PARAM", format: "9E"),
                  FITSColumnSpec(name: "PARAM_COV", format: "81E")]
        try file.createBinaryTable(name: nil, columns: specs, rowCount: 2)
        try file.write(column: 0, strings: ["2M00000002+7417074", "2M00000019-1924498"])
        try file.write(column: 1, doubles: [0.00083, 0.00795])
        try file.write(column: 2, doubles: [74.2853, -19.4138])
        try file.write(column: 3, doubles: [200, .nan])
        try file.write(column: 4, doubles: [4600, .nan])
        try file.write(column: 5, doubles: [.nan, -9999])
        try file.write(column: 6, doubles: [2.25, 4.5])
        try file.write(column: 7, doubles: [-0.5, .nan])
        try file.write(column: 8, doubles: [0.25, 0])
        try file.write(column: 9, int64s: [1 << 40 | 1 << 23, Int64(bitPattern: 1 << 63)])
        var param = [Double](repeating: .nan, count: 18)
        param[4] = 0.5; param[5] = 0.75
        try file.write(column: 10, doubles: param)
        var cov = [Double](repeating: 0, count: 162)
        cov[4 * 9 + 4] = 0.04; cov[5 * 9 + 5] = 0.09
        cov[81 + 4 * 9 + 4] = .nan
        try file.write(column: 11, doubles: cov)
        try file.createBinaryTable(name: nil, columns: [FITSColumnSpec(name: "X", format: "J")], rowCount: 1)
        try file.write(column: 0, int32s: [0])
        let symbols = ["TEFF", "LOGG", "LOGVMICRO", "M_H", "N_M", "C_M", "ALPHA_M", "LOGVSINI", "O_M"]
        try file.createBinaryTable(name: "PARAMS", columns: [FITSColumnSpec(name: "PARAM_SYMBOL", format: "12A")],
                                   rowCount: symbols.count)
        try file.write(column: 0, strings: symbols)
        try file.close()

        let reader = try ApogeeAllStarReader(url: url, columns: .dr16)
        #expect(reader.paramSymbols == symbols && reader.carbonIndex == 5 && reader.nitrogenIndex == 4)
        #expect(Set(reader.absentColumns) == ["TELESCOPE", "FIELD", "LOGG_ERR", "M_H_ERR", "ALPHA_M_ERR",
                                              "STARFLAG", "EXTRATARG"])
        let stars = try reader.readAll()
        #expect(stars[0].aspcapFlag == 1 << 40 | 1 << 23 && stars[0].hasBadAspcapFlag)
        #expect(stars[1].aspcapFlag == 1 << 63)
        #expect(stars[0].teffErr == nil && stars[1].teff == nil && stars[1].teffErr == nil && stars[1].snr == nil)
        #expect(stars[1].mH == nil && stars[1].alphaM == 0 && stars[0].extraTarg == nil)
        #expect(stars[0].cM == 0.75 && stars[0].nM == 0.5)
        #expect(Self.close(stars[0].cMErr, 0.3) && Self.close(stars[0].nMErr, 0.2))
        #expect(stars[1].cM == nil && stars[1].nMErr == nil && stars[1].param.count == 9)
    }

    @Test func dr12ColumnNamesAreConfigurable() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("allstar")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("allStar-dr12.fits")
        let file = try FITSFile.create(url: url)
        try file.createEmptyPrimary()
        let names = ["APOGEE_ID", "RA", "DEC", "TEFF", "LOGG", "PARAM_M_H", "PARAM_ALPHA_M", "ASPCAPFLAG"]
        try file.createBinaryTable(name: nil, columns: names.map {
            FITSColumnSpec(name: $0, format: $0 == "APOGEE_ID" ? "18A" : ($0 == "ASPCAPFLAG" ? "J" : "D"))
        }, rowCount: 1)
        try file.write(column: 0, strings: ["2M00000002+7417074"])
        for c in 1...6 { try file.write(column: c, doubles: [Double(c)]) }
        try file.write(column: 7, int32s: [-1])
        try file.close()
        #expect(throws: FITSError.tableNotFound(file: url.path, columns: ApogeeColumnMap.dr15.required)) {
            try ApogeeAllStarReader(url: url)
        }
        let star = try #require(try ApogeeAllStarReader(url: url, columns: .dr12).readAll().first)
        #expect(star.mH == 5 && star.alphaM == 6 && star.aspcapFlag == 0xFFFF_FFFF && star.cM == nil)
    }

    @Test func deduplicationKeepsHighestSNRAndReportsDuplicates() {
        var stars = Self.stars(4)
        for i in stars.indices { stars[i].extraTarg = 0; stars[i].row = i }
        stars.append(ApogeeStar(apogeeID: stars[1].apogeeID, ra: 1, dec: 1, snr: 500, row: 4))
        stars.append(ApogeeStar(apogeeID: stars[1].apogeeID, ra: 1, dec: 1, snr: nil, row: 5))
        stars.append(ApogeeStar(apogeeID: stars[2].apogeeID, ra: 1, dec: 1, snr: 900, extraTarg: 16, row: 6))
        let (kept, duplicates) = ApogeeStar.deduplicate(stars)
        #expect(kept.map(\.row) == [0, 4, 2, 3])
        #expect(duplicates == [
            ApogeeDuplicate(apogeeID: stars[1].apogeeID, keptRow: 4, droppedRows: [1, 5]),
            ApogeeDuplicate(apogeeID: stars[2].apogeeID, keptRow: 2, droppedRows: [6]),
        ])
    }
}
