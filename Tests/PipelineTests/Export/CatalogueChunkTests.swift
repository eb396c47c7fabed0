import Formats
import Foundation
@testable import Pipeline
import Testing

/// A chunk of exported rows in column form: as a catalogue table (32-bit reals as their shortest decimal,
/// NaN and empty text missing) and written into a FITS table at a row offset. (Filling a chunk from a
/// cursor row needs a database: PipelineIntegrationTests' ExportTests.)
@Suite struct CatalogueChunkTests {
    static let layout = CatalogueColumns(labelNames: ["teff", "logg"])

    /// Rows of obsids `obsids` with hand-made values; row k has Teff 4523.12 + k and log g 2.41.
    static func chunk(_ obsids: [Int64], designations: [String?]) -> CatalogueChunk {
        var chunk = CatalogueChunk(labelCount: 2)
        let n = obsids.count
        chunk.obsid = obsids
        chunk.designation = designations
        chunk.ra = obsids.map { Double($0) / 8 }
        chunk.dec = Array(repeating: -12.25, count: n)
        chunk.snrg = Array(([41.03, .nan, 7] as [Float]).prefix(n))
        chunk.labelColumns = [
            (0..<n).map { 4523.12 + Float($0) }, Array(repeating: 25.5, count: n), Array(repeating: .nan, count: n),
            Array(repeating: 2.41, count: n), Array(repeating: 0.07, count: n), Array(repeating: 0.11, count: n),
        ]
        chunk.rchi2 = Array(repeating: 1.25, count: n)
        chunk.flags = Array(repeating: 5, count: n)
        chunk.modelID = Array(repeating: 3, count: n)
        return chunk
    }

    @Test func aNewChunkHasThreeColumnsPerLabelAndNoRows() {
        let chunk = CatalogueChunk(labelCount: 4)
        #expect(chunk.labelColumns.count == 12)
        #expect(chunk.count == 0)
    }

    @Test func asATableRealsAreTheirShortestDecimalAndMissingValuesAreNil() {
        let table = Self.chunk([16, 24, 32], designations: ["J1", nil, ""]).table(Self.layout)
        #expect(table.columnNames == Self.layout.columns.map(\.name))
        #expect(table.column("obsid")?.values == .int64([16, 24, 32]))
        #expect(table.column("designation")?.values == .string(["J1", nil, nil]))
        #expect(table.column("ra")?.values == .double([2, 3, 4]))
        // 41.03 as a Float is 41.029998779296875; the table shows what was meant.
        #expect(table.column("snrg")?.values == .double([41.03, nil, 7]))
        #expect(table.column("teff")?.values == .double([4523.12, 4524.12, 4525.12]))
        #expect(table.column("teff_err_emp")?.values == .double([nil, nil, nil]))
        #expect(table.column("logg_err")?.values == .double([0.07, 0.07, 0.07]))
        #expect(table.column("flags")?.values == .int64([5, 5, 5]))
        #expect(table.column("model_id")?.values == .int64([3, 3, 3]))
        #expect(table.csvText().split(separator: "\n")[1] == "16,J1,2.0,-12.25,41.03,4523.12,25.5,,2.41,0.07,0.11,1.25,5,3")
    }

    @Test func chunksWrittenAtTheirFirstRowFillTheFITSTable() throws {
        let table = try withTemporaryDirectory("chunk") { dir in
            let url = dir.appendingPathComponent("labels.fits")
            let file = try FITSFile.create(url: url)
            try file.createEmptyPrimary()
            try file.createBinaryTable(name: "SLAM_LABELS", columns: Self.layout.fitsSpecs(textWidth: 4), rowCount: 3)
            try Self.chunk([40], designations: ["J040"]).write(to: file, firstRow: 2)
            try Self.chunk([16, 24], designations: ["J016", nil]).write(to: file, firstRow: 0)
            try file.close()
            return try CatalogueTable.readFITS(url: url)
        }
        #expect(table.columnNames == Self.layout.columns.map(\.name))
        #expect(table.column("obsid")?.values == .int64([16, 24, 40]))
        #expect(table.column("designation")?.values == .string(["J016", nil, "J040"]))
        #expect(table.column("ra")?.values == .double([2, 3, 5]))
        #expect(table.column("snrg")?.values == .double([Double(Float(41.03)), nil, Double(Float(41.03))]))
        #expect(table.column("teff")?.values == .double([Double(Float(4523.12)), Double(Float(4524.12)), Double(Float(4523.12))]))
        #expect(table.column("teff_err_emp")?.values == .double([nil, nil, nil]))
        #expect(table.column("rchi2")?.values == .double([1.25, 1.25, 1.25]))
        #expect(table.column("flags")?.values == .int64([5, 5, 5]))
        #expect(table.column("model_id")?.values == .int64([3, 3, 3]))
    }
}
