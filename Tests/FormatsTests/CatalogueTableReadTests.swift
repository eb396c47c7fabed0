import Foundation
import Testing
@testable import Formats

@Suite struct CatalogueTableReadTests {
    @Test func readDetectsFITSAndCSVByContent() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("read")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let table = CatalogueTable(columns: [
            CatalogueColumn(name: "obsid", values: .int64([1, 2])),
            CatalogueColumn(name: "teff", values: .double([5000.5, nil])),
        ])
        let fits = dir.appendingPathComponent("t.dat"), csv = dir.appendingPathComponent("t.fits")
        try table.writeFITS(to: fits)
        try table.writeCSV(to: csv)
        for url in [fits, csv] {
            let read = try CatalogueTable.read(url: url)
            #expect(read.int64s("obsid") == [1, 2])
            #expect(read.doubles("teff") == [5000.5, nil])
        }
        #expect(throws: FITSError.fileNotFound(file: dir.appendingPathComponent("none").path)) {
            try CatalogueTable.read(url: dir.appendingPathComponent("none"))
        }
    }
}
