import Foundation
import Testing
@testable import Formats

@Suite struct FITSFileTableTests {
    @Test func columnsAreFoundCaseInsensitivelyAndRowRangesRead() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("table")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("t.fits")
        let file = try FITSFile.create(url: url)
        try file.createEmptyPrimary()
        try file.createBinaryTable(name: "T", columns: [
            FITSColumnSpec(name: "Flux", format: "3E", unit: "erg"), FITSColumnSpec(name: "id", format: "J", nullValue: -1),
            FITSColumnSpec(name: "ok", format: "L"),
        ], rowCount: 4)
        try file.write(column: 0, floats: (0..<12).map(Float.init))
        try file.write(column: 1, int32s: [10, -1, 30, 40])
        try file.write(column: 2, bools: [true, false, true, true])
        try file.close()
        let read = try FITSFile.open(url: url)
        try read.moveToTable(withColumns: ["FLUX"])
        let flux = try read.column(named: "flux")
        #expect(flux.repeatCount == 3 && flux.elementsPerRow == 3 && flux.isReal)
        #expect(try read.readFloats(flux, rows: 1..<3) == [3, 4, 5, 6, 7, 8])
        #expect(try read.readInt64s(try read.column(named: "ID"), rows: 0..<4) == [10, nil, 30, 40])
        #expect(try read.readInt64s(try read.column(named: "ok"), rows: 0..<2) == [1, 0])
        #expect(throws: FITSError.missingColumn("IVAR", file: url.path, hdu: 1)) { try read.column(named: "IVAR") }
        #expect(throws: FITSError.tableNotFound(file: url.path, columns: ["IVAR"])) { try read.moveToTable(withColumns: ["IVAR"]) }
    }
}
