import Foundation
import Formats
import Pipeline
import Store
import StoreTestSupport
import Testing

/// `slam export`: the labels of a model as a FITS binary table with units, or CSV, streamed in chunks.
@Suite("Catalogue export")
struct ExportTests {
    /// One expected row, from the database.
    struct Expected: Equatable {
        var obsid: Int64
        var designation: String?
        var ra: Double
        var dec: Double
        var snrg: Float
        var labels: [Float]
        var errors: [Float]
        var empirical: [Float]
        var rchi2: Float
        var flags: Int
    }

    static func expected(_ db: PostgresConnection, model: Int, where predicate: String = "true") throws -> [Expected] {
        try db.query("""
            SELECT pr.obsid, s.designation, s.ra, s.dec, s.snrg, pr.labels, pr.formal_errors, pr.empirical_errors, pr.reduced_chi2, pr.flags
            FROM prediction pr JOIN lamost_spectrum s USING (obsid) WHERE pr.model_id = $1 AND \(predicate) ORDER BY obsid
            """, [model]).rows.map { r in
                Expected(obsid: try r.decode(Int64.self, at: 0), designation: try r.decode(String?.self, at: 1),
                         ra: try r.decode(Double.self, at: 2), dec: try r.decode(Double.self, at: 3),
                         snrg: try r.decode(Float?.self, at: 4) ?? .nan, labels: try r.decode([Float].self, at: 5),
                         errors: try r.decode([Float].self, at: 6), empirical: try r.decode([Float]?.self, at: 7) ?? [.nan, .nan],
                         rchi2: try r.decode(Float?.self, at: 8) ?? .nan, flags: try r.decode(Int.self, at: 9))
            }
    }

    /// A database with a trained model and its predictions of spectra 1...40 (a few with no designation).
    static func world(_ db: PostgresConnection) throws -> Int {
        let model = try TinyModelWorld.trainedModel(db)
        _ = try SpectrumPredictor().predict(modelID: model, obsids: Array(1...40), db: db)
        try db.execute("UPDATE lamost_spectrum SET designation = NULL WHERE obsid IN (3, 17)")
        return model
    }

    /// Checks a read-back table against the expected rows (reals compared as 32-bit values).
    static func compare(_ table: CatalogueTable, _ rows: [Expected], model: Int) {
        #expect(table.rowCount == rows.count)
        guard table.rowCount == rows.count else { return }
        func floats(_ name: String) -> [Float] { (table.doubles(name) ?? []).map { $0.map(Float.init) ?? .nan } }
        func same(_ a: [Float], _ b: [Float]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
        #expect(table.int64s("obsid") == rows.map { $0.obsid })
        #expect(table.column("designation")?.values == .string(rows.map(\.designation)))
        #expect(table.doubles("ra") == rows.map(\.ra))
        #expect(table.doubles("dec") == rows.map(\.dec))
        #expect(same(floats("snrg"), rows.map(\.snrg)))
        for (j, name) in TinyModelWorld.labelNames.enumerated() {
            #expect(same(floats(name), rows.map { $0.labels[j] }), "\(name)")
            #expect(same(floats(name + "_err"), rows.map { $0.errors[j] }), "\(name)_err")
            #expect(same(floats(name + "_err_emp"), rows.map { $0.empirical[j] }), "\(name)_err_emp")
        }
        #expect(same(floats("rchi2"), rows.map(\.rchi2)))
        #expect(table.int64s("flags") == rows.map { Int64($0.flags) })
        #expect(table.int64s("model_id") == rows.map { _ in Int64(model) })
    }

    @Test func fitsExportReadsBackWithUnitsAndPassesFitsverify() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("labels.fits")
        try await FreshDatabase.run { db in
            let model = try Self.world(db)
            let summary = try CatalogueExporter(chunkRows: 7).export(modelID: model, format: .fits, to: url, db: db)
            let rows = try Self.expected(db, model: model)
            #expect(summary.rows == rows.count)
            #expect(rows.count == 40)
            Self.compare(try CatalogueTable.readFITS(url: url), rows, model: model)

            let file = try FITSFile.open(url: url)
            try file.move(toHDU: 1)
            let header = try file.header()
            var units: [String: String] = [:]
            for card in header.cards where card.key.hasPrefix("TTYPE") {
                let n = card.key.dropFirst(5)
                units[card.value.stringValue ?? ""] = header.cards.first { $0.key == "TUNIT\(n)" }?.value.stringValue ?? ""
            }
            #expect(units["ra"] == "deg")
            #expect(units["dec"] == "deg")
            #expect(units["teff"] == "K")
            #expect(units["teff_err_emp"] == "K")
            #expect(units["logg"] == "dex")
            #expect(units["logg_err"] == "dex")
            #expect(header.cards.first { $0.key == "MODEL_ID" }?.value.intValue == Int64(model))
            #expect(header.cards.first { $0.key == "NAXIS2" }?.value.intValue == 40)
            try file.close()
        }
        let verify = Process()
        verify.executableURL = URL(fileURLWithPath: "/usr/bin/fitsverify")
        verify.arguments = ["-q", url.path]
        let pipe = Pipe()
        verify.standardOutput = pipe
        verify.standardError = pipe
        try verify.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        verify.waitUntilExit()
        #expect(verify.terminationStatus == 0, "\(output)")
        #expect(output.contains("OK"), "\(output)")
    }

    @Test func csvExportWithAFilterReadsBack() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("labels.csv")
        try await FreshDatabase.run { db in
            let model = try Self.world(db)
            let summary = try CatalogueExporter(chunkRows: 4).export(
                modelID: model, filter: try SpectrumFilter("snrg >= 70"), format: .csv, to: url, db: db)
            let rows = try Self.expected(db, model: model, where: "s.snrg >= 70")
            #expect(summary.rows == rows.count)
            #expect(rows.count > 4 && rows.count < 40)
            Self.compare(try CatalogueTable.readCSV(url: url, types: ["designation": .string]), rows, model: model)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["labels.csv"], "no temporary file left")
        }
    }

    @Test func anEmptySelectionWritesAValidEmptyTable() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await FreshDatabase.run { db in
            let model = try Self.world(db)
            let filter = try SpectrumFilter("snrg > 1000")
            for format in CatalogueExporter.Format.allCases {
                let url = dir.appendingPathComponent("empty.\(format.rawValue)")
                #expect(try CatalogueExporter().export(modelID: model, filter: filter, format: format, to: url, db: db).rows == 0)
                let table = format == .fits ? try CatalogueTable.readFITS(url: url) : try CatalogueTable.readCSV(url: url)
                #expect(table.rowCount == 0)
                #expect(table.columnNames.first == "obsid")
            }
        }
    }

    @Test func unknownOrUnfinishedModelsAreRefusedAndLeaveAnExistingFileAlone() async throws {
        let dir = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("keep.csv")
        try Data("old\n".utf8).write(to: url)
        try await FreshDatabase.run { db in
            do {
                _ = try CatalogueExporter().export(modelID: 31337, format: .csv, to: url, db: db)
                Issue.record("exported a model that does not exist")
            } catch let error as CatalogueExportError {
                #expect(error.description == CatalogueExportError.model(.unknownModel("31337")).description)
            }
            let model = try Self.world(db)
            try db.execute("UPDATE model SET status = 'failed' WHERE model_id = $1", [model])
            do {
                _ = try CatalogueExporter().export(modelID: model, format: .fits, to: url, db: db)
                Issue.record("exported a failed model")
            } catch let error as CatalogueExportError {
                #expect(error.description == CatalogueExportError.model(.modelNotReady(model, status: "failed")).description)
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["keep.csv"])
    }

    @Test func columnsHaveUnitsByLabel() {
        let layout = CatalogueColumns(labelNames: ["teff", "logg", "m_h"])
        #expect(layout.columns.map(\.name) == [
            "obsid", "designation", "ra", "dec", "snrg", "teff", "teff_err", "teff_err_emp", "logg", "logg_err", "logg_err_emp",
            "m_h", "m_h_err", "m_h_err_emp", "rchi2", "flags", "model_id",
        ])
        let units = Dictionary(uniqueKeysWithValues: layout.columns.map { ($0.name, $0.unit) })
        #expect(units["ra"] == "deg" && units["dec"] == "deg")
        #expect(units["teff"] == "K" && units["teff_err_emp"] == "K")
        #expect(units["logg_err"] == "dex" && units["m_h"] == "dex")
        #expect(units["snrg"] == "" && units["flags"] == "")
        #expect(CatalogueExporter.Format.implied(by: URL(fileURLWithPath: "/x/labels.CSV")) == .csv)
        #expect(CatalogueExporter.Format.implied(by: URL(fileURLWithPath: "/x/labels.fits.gz")) == .fits)
    }
}
