import Foundation
import Testing
@testable import Formats

/// The chunked catalogue reader: FITS or CSV chosen by the file's bytes, rows handed out in chunks, and
/// CSV read as text on request so a stray value in a later chunk cannot fail the read.
@Suite struct CatalogueChunkReaderTests {
    static let table = CatalogueTable(columns: [
        CatalogueColumn(name: "obsid", values: .int64([11, 12, 13, 14, 15])),
        CatalogueColumn(name: "teff", values: .double([5000.5, nil, 4800, 6100, 3900])),
        CatalogueColumn(name: "class", values: .string(["STAR", "STAR", nil, "QSO", "STAR"])),
    ])

    static func chunks(_ reader: CatalogueChunkReader, maxRows: Int) throws -> [CatalogueTable] {
        var out: [CatalogueTable] = []
        while let chunk = try reader.next(maxRows: maxRows) { out.append(chunk) }
        return out
    }

    @Test(arguments: ["cat.fits", "cat.fits.gz", "cat.dat"])
    func fitsTablesAreReadInChunksOfAtMostMaxRows(name: String) throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("chunks")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent(name)
        try Self.table.writeFITS(to: url.pathExtension == "dat" ? dir.appendingPathComponent("x.fits.gz") : url)
        if url.pathExtension == "dat" { try FileManager.default.moveItem(at: dir.appendingPathComponent("x.fits.gz"), to: url) }
        let reader = try CatalogueChunkReader(url: url)
        #expect(reader.isFITS && reader.rowCount == 5 && reader.columnNames == ["obsid", "teff", "class"])
        #expect(reader.path == url.path)
        let parts = try Self.chunks(reader, maxRows: 2)
        #expect(parts.map(\.rowCount) == [2, 2, 1])
        #expect(parts.flatMap { $0.int64s("obsid") ?? [] } == [11, 12, 13, 14, 15])
        #expect(parts.flatMap { $0.doubles("teff") ?? [] } == [5000.5, nil, 4800, 6100, 3900])
        #expect(try reader.next() == nil)
    }

    @Test func aMaxRowsBelowOneReadsOneRowAtATime() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("chunks")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let fits = dir.appendingPathComponent("t.fits"), csv = dir.appendingPathComponent("t.csv")
        try Self.table.writeFITS(to: fits)
        try Self.table.writeCSV(to: csv)
        for url in [fits, csv] {
            #expect(try Self.chunks(CatalogueChunkReader(url: url), maxRows: 0).map(\.rowCount) == [1, 1, 1, 1, 1])
        }
    }

    @Test func csvColumnsLoseTheirPrefixAndTypesAreFixedByTheFirstChunk() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("chunks")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("xmatch.fits")
        try Data("combined_obsid|combined_teff\n1|5000\n2|5100.5\n3|n/a?\n".utf8).write(to: url)
        let reader = try CatalogueChunkReader(url: url)
        #expect(!reader.isFITS && reader.rowCount == nil && reader.columnNames == ["obsid", "teff"])
        let first = try #require(try reader.next(maxRows: 2))
        #expect(first.column("teff")?.values == .double([5000, 5100.5]))
        #expect(throws: FITSError.invalidCSV(file: url.path, line: 4, detail: "'n/a?' in real column teff")) {
            try reader.next(maxRows: 2)
        }
    }

    @Test func csvAsTextKeepsEveryValueAsWritten() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("chunks")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("labels.csv")
        try Data("id,teff\n1,5000\n2,\n3,n/a?\n".utf8).write(to: url)
        let reader = try CatalogueChunkReader(url: url, csvAsText: true)
        let parts = try Self.chunks(reader, maxRows: 2)
        #expect(parts.map { $0.column("teff")?.values } == [.string(["5000", nil]), .string(["n/a?"])])
        #expect(parts.map { $0.column("id")?.values } == [.string(["1", "2"]), .string(["3"])])
    }

    @Test func aMissingOrEmptyFileIsRefusedWithItsPath() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("chunks")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let missing = dir.appendingPathComponent("none.csv"), empty = dir.appendingPathComponent("empty.csv")
        #expect(throws: FITSError.fileNotFound(file: missing.path)) { try CatalogueChunkReader(url: missing) }
        try Data().write(to: empty)
        #expect(throws: FITSError.invalidCSV(file: empty.path, line: 1, detail: "no header line")) {
            try CatalogueChunkReader(url: empty)
        }
    }
}
