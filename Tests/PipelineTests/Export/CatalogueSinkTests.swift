import Formats
import Foundation
@testable import Pipeline
import Testing

/// Where exported chunks go: a CSV or FITS file that appears at its path only when finished, with the
/// FITS table's units, column comments and model in its header.
@Suite struct CatalogueSinkTests {
    static let layout = CatalogueChunkTests.layout
    static let header = "obsid,designation,ra,dec,snrg,teff,teff_err,teff_err_emp,logg,logg_err,logg_err_emp,rchi2,flags,model_id"

    static func contents(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func aCSVHasOneHeaderThenTheChunksInOrderAndAppearsWhenFinished() throws {
        try withTemporaryDirectory("sink") { dir in
            let url = dir.appendingPathComponent("labels.csv")
            let sink = try CSVCatalogueSink(url: url, layout: Self.layout)
            try sink.write(CatalogueChunkTests.chunk([16, 24], designations: ["J1", nil]), firstRow: 0)
            try sink.write(CatalogueChunkTests.chunk([40], designations: ["J3"]), firstRow: 2)
            #expect(try Self.contents(dir) == [".labels.csv.\(getpid()).partial"])
            try sink.finish()
            try sink.finish()
            #expect(try Self.contents(dir) == ["labels.csv"])
            #expect(try String(contentsOf: url, encoding: .utf8) == """
                \(Self.header)
                16,J1,2.0,-12.25,41.03,4523.12,25.5,,2.41,0.07,0.11,1.25,5,3
                24,,3.0,-12.25,,4524.12,25.5,,2.41,0.07,0.11,1.25,5,3
                40,J3,5.0,-12.25,41.03,4523.12,25.5,,2.41,0.07,0.11,1.25,5,3

                """)
        }
    }

    @Test func aCSVOfNoRowsIsItsHeader() throws {
        let text = try withTemporaryDirectory("sink") { dir in
            let url = dir.appendingPathComponent("empty.csv")
            try CSVCatalogueSink(url: url, layout: Self.layout).finish()
            return try String(contentsOf: url, encoding: .utf8)
        }
        #expect(text == Self.header + "\n")
    }

    @Test func aCSVExportThatStopsBeforeFinishingLeavesTheOldFileAlone() throws {
        try withTemporaryDirectory("sink") { dir in
            let url = dir.appendingPathComponent("labels.csv")
            try Data("previous export\n".utf8).write(to: url)
            do {
                let sink = try CSVCatalogueSink(url: url, layout: Self.layout)
                try sink.write(CatalogueChunkTests.chunk([16], designations: ["J1"]), firstRow: 0)
            }
            #expect(try Self.contents(dir) == ["labels.csv"])
            #expect(try String(contentsOf: url, encoding: .utf8) == "previous export\n")
        }
    }

    @Test func aCSVInADirectoryThatDoesNotExistIsRefusedWithTheReason() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/labels.csv")
        do {
            _ = try CSVCatalogueSink(url: url, layout: Self.layout)
            Issue.record("created \(url.path)")
        } catch {
            guard case let .io(path, reason) = error else { Issue.record("\(error)"); return }
            #expect(path == url.path)
            #expect(reason.hasPrefix("cannot create \(url.deletingLastPathComponent().path)/.labels.csv."))
            #expect(reason.hasSuffix(": No such file or directory"))
        }
    }

    @Test func aFITSTableHoldsTheRowsWithUnitsCommentsAndTheModel() throws {
        let (table, header) = try withTemporaryDirectory("sink") { dir in
            let url = dir.appendingPathComponent("labels.fits")
            let sink = try FITSCatalogueSink(url: url, layout: Self.layout, rows: 3, textWidth: 2,
                                             header: .init(modelID: 3, labelSet: "apogee-dr17", filter: "", rows: 3))
            try sink.write(CatalogueChunkTests.chunk([16, 24], designations: ["J1", nil]), firstRow: 0)
            try sink.write(CatalogueChunkTests.chunk([40], designations: ["J3"]), firstRow: 2)
            #expect(!FileManager.default.fileExists(atPath: url.path))
            try sink.finish()
            let file = try FITSFile.open(url: url)
            #expect(try file.hduCount() == 2)
            try file.move(toHDU: 1)
            return (try CatalogueTable.readFITS(url: url), try file.header())
        }
        #expect(table.column("obsid")?.values == .int64([16, 24, 40]))
        #expect(table.column("designation")?.values == .string(["J1", nil, "J3"]))
        #expect(header.value("EXTNAME") == .string("SLAM_LABELS"))
        #expect(header.value("NAXIS2") == .int(3))
        #expect(header.value("MODEL_ID") == .int(3))
        #expect(header.value("LABELSET") == .string("apogee-dr17"))
        #expect(header.value("FILTER") == .string("none"))
        #expect(header.value("ORIGIN") == .string("slam export"))
        #expect(header.value("TFORM2") == .string("2A"))
        #expect(header.value("TUNIT3") == .string("deg"))
        #expect(header.value("TUNIT6") == .string("K"))
        #expect(header.value("TUNIT9") == .string("dex"))
        #expect(header.value("TCOMM1") == .string("LAMOST observation id"))
        #expect(header.value("TCOMM8") == .string("empirical 1-sigma error of teff (CV at this S/N)"))
        #expect(header.value("TCOMM14") == .string("SLAM model version"))
    }

    @Test func aFITSHeaderNamesTheFilterOnTheSpectra() throws {
        let header = try withTemporaryDirectory("sink") { dir in
            let url = dir.appendingPathComponent("bright.fits")
            let sink = try FITSCatalogueSink(url: url, layout: Self.layout, rows: 0, textWidth: 0,
                                             header: .init(modelID: 7, labelSet: "lasp-dr5", filter: "snrg > 50", rows: 0))
            try sink.finish()
            let file = try FITSFile.open(url: url)
            try file.move(toHDU: 1)
            return try file.header()
        }
        #expect(header.value("FILTER") == .string("snrg > 50"))
        #expect(header.value("NAXIS2") == .int(0))
    }

    @Test func aFITSFileInADirectoryThatDoesNotExistIsRefusedNamingIt() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/labels.fits")
        do {
            _ = try FITSCatalogueSink(url: url, layout: Self.layout, rows: 1, textWidth: 4,
                                      header: .init(modelID: 1, labelSet: "s", filter: "", rows: 1))
            Issue.record("created \(url.path)")
        } catch {
            guard case let .fits(path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == url.path)
            #expect(error.description.hasPrefix("export: cannot write FITS file \(url.path): "))
        }
    }
}
