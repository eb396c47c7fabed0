import Foundation
import Testing
@testable import Formats

@Suite struct CatalogueTableTests {
    static func entries() -> [LamostCatalogueEntry] {
        (0..<25).map { (i: Int) -> LamostCatalogueEntry in
            let snr = LamostSNR(u: i == 0 ? nil : 4.51, g: 41.03, r: 63.62, i: 81.79, z: 54.71)
            var entry = LamostCatalogueEntry(
                obsid: 100_000 + Int64(i), designation: i == 3 ? nil : "J0123\(i)+1234", obsdate: "2011-10-24",
                lmjd: 55859, planid: i % 2 == 0 ? "F5902" : "GAC_090N33_V1", spid: 8, fiberid: i + 1,
                ra: 332.67024 + Double(i) * 0.01, dec: -0.583389, snr: snr, objectClass: "STAR", subclass: "F5",
                z: 2.703e-05)
            entry.teff = i == 5 ? nil : 6100.5
            entry.teffErr = 35
            entry.logg = 4.1
            entry.loggErr = 0.05
            entry.feh = -0.12
            entry.fehErr = 0.03
            entry.rv = i == 6 ? nil : -12.3
            return entry
        }
    }

    @Test func lamostCatalogueRoundTripsThroughFITSAndCSV() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("catalogue")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let table = LamostCatalogue.table(from: Self.entries(), includeStellarParameters: true)
        for name in ["cat.fits", "cat.fits.gz", "cat.csv"] {
            let url = dir.appendingPathComponent(name)
            if name.hasSuffix(".csv") { try table.writeCSV(to: url) } else { try table.writeFITS(to: url) }
            #expect(try LamostCatalogue.read(url: url) == Self.entries(), "\(name)")
        }
        let fits = try CatalogueTable.readFITS(url: dir.appendingPathComponent("cat.fits"))
        #expect(fits == table)
        let csv = try CatalogueTable.readCSV(url: dir.appendingPathComponent("cat.csv"), types: LamostCatalogue.columnTypes)
        #expect(csv == table)
    }

    @Test func writersAreDeterministic() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("catalogue")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let table = LamostCatalogue.table(from: Self.entries(), includeStellarParameters: false)
        for name in ["a.fits.gz", "b.fits.gz"] { try table.writeFITS(to: dir.appendingPathComponent(name)) }
        #expect(try Data(contentsOf: dir.appendingPathComponent("a.fits.gz")) == Data(contentsOf: dir.appendingPathComponent("b.fits.gz")))
        #expect(table.csvText() == table.csvText())
        try table.writeCSV(to: dir.appendingPathComponent("a.csv"))
        #expect(try String(contentsOf: dir.appendingPathComponent("a.csv"), encoding: .utf8) == table.csvText())
    }

    @Test func archiveCSVDialectsAreAccepted() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("catalogue")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("xmatch.csv")
        let lines = [
            "combined_obsid|combined_designation|combined_lmjd|combined_planid|combined_spid|combined_fiberid|"
                + "combined_ra|combined_teff|combined_class",
            "108171.0|LAMOST J221040.85-003500.2|55859.0|F5902|8.0|171.0|332.67024|-9999|STAR",
            "108172| \"J221040|x\" |55859|GAC_090N33_V1|8|172|332.7||\"QSO \"\"bright\"\"\"",
        ]
        let text = lines.joined(separator: "\r\n") + "\r\n\r\n"
        try Data(text.utf8).write(to: url)
        let entries = try LamostCatalogue.read(url: url)
        #expect(entries.count == 2)
        #expect(entries[0] == LamostCatalogueEntry(obsid: 108171, designation: "LAMOST J221040.85-003500.2", lmjd: 55859,
                                                  planid: "F5902", spid: 8, fiberid: 171, ra: 332.67024, objectClass: "STAR"))
        #expect(entries[1].designation == "J221040|x" && entries[1].objectClass == "QSO \"bright\"" && entries[1].teff == nil)
        #expect(entries[1].identity == LamostFileIdentity(lmjd: 55859, planid: "GAC_090N33_V1", spid: 8, fiberid: 172))
    }

    @Test func userLabelTablesAreTypedByInference() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("catalogue")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("labels.csv")
        try Data("id,teff,note,flag\n1,5000.5,hot,0\n2,NaN,,1\n3,4800,\"a, b\",\n".utf8).write(to: url)
        let table = try CatalogueTable.readCSV(url: url)
        #expect(table.columnNames == ["id", "teff", "note", "flag"] && table.rowCount == 3)
        #expect(table.column("ID")?.values == .int64([1, 2, 3]))
        #expect(table.column("teff")?.values == .double([5000.5, nil, 4800]))
        #expect(table.column("note")?.values == .string(["hot", nil, "a, b"]))
        #expect(table.column("flag")?.values == .int64([0, 1, nil]))
        #expect(table.int64s("teff") == [nil, nil, 4800] && table.strings("id") == ["1", "2", "3"])
        let fits = dir.appendingPathComponent("labels.fits")
        try table.writeFITS(to: fits)
        #expect(try CatalogueTable.readFITS(url: fits) == table)
        #expect(try CatalogueTable.readFITS(url: fits, columns: ["teff"], rows: 1..<3).column("teff")?.values == .double([nil, 4800]))
    }

    @Test func chunkedReadersEqualWholeReads() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("catalogue")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let table = LamostCatalogue.table(from: Self.entries(), includeStellarParameters: true)
        let csv = dir.appendingPathComponent("c.csv"), fits = dir.appendingPathComponent("c.fits")
        try table.writeCSV(to: csv, separator: "|")
        try table.writeFITS(to: fits)
        let csvReader = try CatalogueCSVReader(url: csv, types: LamostCatalogue.columnTypes)
        var rows: [LamostCatalogueEntry] = []
        while let chunk = try csvReader.next(maxRows: 4) { rows += try LamostCatalogue.entries(from: chunk, file: csv.path) }
        #expect(rows == Self.entries())
        let fitsReader = try CatalogueFITSReader(url: fits)
        #expect(fitsReader.rowCount == 25)
        let parts = try [0..<10, 10..<25].map { try fitsReader.read(rows: $0) }
        #expect(try parts.flatMap { try LamostCatalogue.entries(from: $0, file: fits.path) } == Self.entries())
    }

    @Test func badCSVRowsNameTheirLine() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("catalogue")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("bad.csv")
        try Data("obsid,ra\n1,2.5\n2\n".utf8).write(to: url)
        #expect(throws: FITSError.invalidCSV(file: url.path, line: 3, detail: "1 fields, header has 2")) {
            try CatalogueTable.readCSV(url: url)
        }
        try Data("obsid,ra\n1,2.5\nx,3\n".utf8).write(to: url)
        let reader = try CatalogueCSVReader(url: url, types: ["obsid": .int64])
        #expect(throws: FITSError.invalidCSV(file: url.path, line: 3, detail: "'x' in integer column obsid")) {
            try reader.next()
        }
        try Data("ra,dec\n1,2\n".utf8).write(to: url)
        #expect(throws: FITSError.missingColumn("obsid", file: url.path, hdu: 1)) { try LamostCatalogue.read(url: url) }
    }
}
