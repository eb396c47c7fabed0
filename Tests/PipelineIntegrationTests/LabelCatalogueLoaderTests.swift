import CatalogueTestSupport
import Formats
import Foundation
import Pipeline
import Store
import Testing

/// Loading label catalogues (issue 10): the LASP AFGK catalogue (CSV and FITS), user tables with renamed
/// columns and units, APOGEE registration, and every kind of bad input (clear error, nothing written,
/// a failed load row).
@Suite("Label catalogue loading") struct LabelCatalogueLoaderTests {
    static func write(_ text: String, name: String = "table.csv") throws -> String {
        let url = try TestPaths.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let laspCSV = """
        combined_obsid|combined_ra|combined_dec|combined_snrg|combined_teff|combined_teff_err|combined_logg|combined_logg_err|combined_feh|combined_feh_err|combined_rv
        101.0|10.5|20.1|150.2|5800.5|40.1|4.31|0.06|-0.21|0.05|-12.3
        102.0|10.6|20.2|90|-9999|-9999|4.1|0.07|NaN|0.05|3.2
        103.0|10.7|20.3|210|6400|35|4.05|0.05|-0.52|0.04|8.8
        """

    @Test func laspCSVLoadsKeyedByObsidWithMissingValuesAsNull() async throws {
        let path = try Self.write(Self.laspCSV)
        try await FreshDatabase.run { db throws in
            let summary = try LabelCatalogueLoader.lasp(release: "DR5").load(path: path, connection: db)
            #expect(summary.name == "lasp-dr5" && summary.version == 1 && summary.rows == 3)
            #expect(summary.labelNames == ["teff", "logg", "feh"])
            let row = try #require(try db.query("""
                SELECT labels[1] IS NULL, labels[2], labels[3] IS NULL, label_errors[1] IS NULL, snr, obsid
                FROM label_catalogue_row WHERE reference_id = '102'
                """).first)
            #expect(try row.decode(Bool.self, at: 0))
            #expect(abs(try row.decode(Float.self, at: 1) - 4.1) < 1e-5)
            #expect(try row.decode(Bool.self, at: 2))
            #expect(try row.decode(Bool.self, at: 3))
            #expect(abs(try row.decode(Float.self, at: 4) - 90) < 1e-5)
            #expect(try row.decode(Int64.self, at: 5) == 102)
            let catalogue = try #require(try LabelCatalogueRegistry.find("lasp-dr5", db: db))
            #expect(catalogue.kind == .lasp && catalogue.keyKind == "obsid" && catalogue.labelUnits == ["K", "dex", "dex"])
            // A reload is a new version; the first stays.
            let again = try LabelCatalogueLoader.lasp(release: "DR5").load(path: path, connection: db)
            #expect(again.version == 2)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM label_catalogue_row") == 6)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM label_catalogue_load WHERE status = 'complete'") == 2)
        }
    }

    @Test func laspFITSTableLoadsTheSameAsCSV() async throws {
        let dir = try TestPaths.temporaryDirectory()
        let table = try CatalogueTable.readCSV(url: URL(fileURLWithPath: try Self.write(Self.laspCSV)))
        let fits = dir.appendingPathComponent("afgk.fits")
        try table.writeFITS(to: fits, extensionName: "AFGK")
        try await FreshDatabase.run { db throws in
            let summary = try LabelCatalogueLoader.lasp().load(path: fits.path, connection: db)
            #expect(summary.rows == 3)
            let teff = try db.query("SELECT labels[1] FROM label_catalogue_row WHERE obsid = 103").first?.decode(Float.self, at: 0)
            #expect(teff == 6400)
        }
    }

    @Test func userCSVWithRenamedColumnsAndUnitsIsPositionKeyed() async throws {
        let path = try Self.write("""
            star,RA_deg,DEC_deg,Teff_kK,eTeff_kK,LOGG_SEIS,E_LOGG,FE_H
            A,10.0,20.0,4.75,0.05,2.41,0.01,-0.3
            B,11.0,-5.0,5.10,0.04,3.02,0.02,
            """)
        let mapping = LabelTableMapping(raColumn: "RA_deg", decColumn: "DEC_deg", idColumn: "star",
                                        labels: [try .parse("teff=Teff_kK:eTeff_kK:kK"), try .parse("logg=LOGG_SEIS:E_LOGG"),
                                                 try .parse("feh=FE_H")])
        try await FreshDatabase.run { db throws in
            let summary = try LabelCatalogueLoader(name: "seismic", kind: .table, mapping: mapping).load(path: path, connection: db)
            #expect(summary.rows == 2)
            let row = try #require(try db.query("""
                SELECT labels[1], label_errors[1], ra, labels[3] IS NULL FROM label_catalogue_row WHERE reference_id = 'B'
                """).first)
            #expect(try row.decode(Float.self, at: 0) == 5100)
            #expect(abs(try row.decode(Float.self, at: 1) - 40) < 1e-3)
            #expect(try row.decode(Double.self, at: 2) == 11)
            #expect(try row.decode(Bool.self, at: 3))
            let entry = try #require(try LabelCatalogueRegistry.find("seismic", db: db))
            #expect(entry.keyKind == "position" && entry.labelUnits == ["K", "dex", "dex"])
        }
    }

    @Test func mappingFileNamesTheColumns() async throws {
        let mappingFile = try Self.write("""
            {"obsidColumn": "OBS", "labels": [{"name": "teff", "column": "T", "error": "T_ERR"}, {"name": "vsini", "column": "V", "unit": "m/s"}]}
            """, name: "mapping.json")
        let path = try Self.write("OBS,T,T_ERR,V\n5,5000,50,12000\n6,5100,60,9000\n")
        let mapping = try LabelTableMapping.read(file: mappingFile)
        #expect(mapping.labels[1].unit == .metresPerSecond)
        try await FreshDatabase.run { db throws in
            _ = try LabelCatalogueLoader(name: "mine", kind: .table, mapping: mapping).load(path: path, connection: db)
            let v = try db.query("SELECT labels[2] FROM label_catalogue_row WHERE obsid = 5").first?.decode(Float.self, at: 0)
            #expect(v == 12)
        }
    }

    /// Loads `text` with `mapping`, expects the error code, and checks that nothing but a failed load row was written.
    static let laspWithoutPosition = LabelTableMapping(obsidColumn: "obsid", labels: LabelTableMapping.lasp.labels, snrColumn: "snrg")

    func expectRejected(_ text: String, mapping: LabelTableMapping = laspWithoutPosition, code: String, mentioning fragment: String) async throws {
        let path = try Self.write(text)
        try await FreshDatabase.run { db throws in
            #expect {
                try LabelCatalogueLoader(name: "bad", kind: .table, mapping: mapping).load(path: path, connection: db)
            } throws: { error in
                guard let error = error as? LabelCatalogueError else { return false }
                return error.code == code && error.description.contains(fragment)
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM label_catalogue") == 0)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM label_catalogue_row") == 0)
            let failed = try #require(try db.query("SELECT status, error FROM label_catalogue_load").first)
            #expect(try failed.decode(String.self, at: 0) == "failed")
            #expect(try failed.decode(String.self, at: 1).contains(fragment))
        }
    }

    @Test func missingOrMisnamedColumnIsRejected() async throws {
        try await expectRejected("obsid,teff,teff_err,logg,logg_err,fe_h,feh_err,snrg\n1,5000,50,4,0.1,-0.1,0.1,120\n",
                                 code: "missing_column", mentioning: "'feh'")
    }

    @Test func nonNumericLabelIsRejected() async throws {
        try await expectRejected("obsid,teff,teff_err,logg,logg_err,feh,feh_err,snrg\n1,5000,50,4,0.1,-0.1,0.1,120\n2,hot,50,4,0.1,-0.1,0.1,120\n",
                                 code: "not_numeric", mentioning: "'hot'")
    }

    @Test func duplicateIDIsRejected() async throws {
        try await expectRejected("obsid,teff,teff_err,logg,logg_err,feh,feh_err,snrg\n7,5000,50,4,0.1,-0.1,0.1,120\n7,5100,50,4,0.1,-0.1,0.1,120\n",
                                 code: "duplicate_id", mentioning: "id 7")
    }

    @Test func chunkedReadsFindDuplicatesAndBadValuesAcrossChunksAndRollBack() async throws {
        let path = try Self.write("obsid,teff,teff_err,logg,logg_err,feh,feh_err,snrg\n"
                                  + (1...5).map { "\($0),5000,50,4,0.1,-0.1,0.1,120\n" }.joined() + "3,5100,50,4,0.1,-0.1,0.1,120\n")
        let nonNumeric = try Self.write("obsid,teff,teff_err,logg,logg_err,feh,feh_err,snrg\n"
                                        + (1...5).map { "\($0),5000,50,4,0.1,-0.1,0.1,120\n" }.joined() + "6,5100,50,4,0.1,n/a?,0.1,120\n")
        try await FreshDatabase.run { db throws in
            var loader = LabelCatalogueLoader(name: "chunked", kind: .table, mapping: Self.laspWithoutPosition)
            loader.chunkRows = 2
            #expect(throws: LabelCatalogueError.duplicateID("3", file: path, rows: (3, 6))) { try loader.load(path: path, connection: db) }
            #expect(throws: LabelCatalogueError.notNumeric(column: "feh", file: nonNumeric, row: 6, value: "n/a?")) {
                try loader.load(path: nonNumeric, connection: db)
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM label_catalogue") == 0)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM label_catalogue_load WHERE status = 'failed'") == 2)
            let good = try Self.write("obsid,teff,teff_err,logg,logg_err,feh,feh_err,snrg\n" + (1...5).map { "\($0),5000,50,4,0.1,-0.1,0.1,120\n" }.joined())
            #expect(try loader.load(path: good, connection: db).rows == 5)
        }
    }

    @Test func emptyTableIsRejected() async throws {
        try await expectRejected("obsid,teff,teff_err,logg,logg_err,feh,feh_err,snrg\n", code: "empty_table", mentioning: "no rows")
    }

    @Test func unknownUnitIsRejected() throws {
        #expect(throws: LabelCatalogueError.unknownUnit("furlongs", label: "teff")) { try LabelTableMapping.Label.parse("teff=T::furlongs") }
        let file = try Self.write(#"{"obsidColumn": "o", "labels": [{"name": "teff", "column": "T", "unit": "F"}]}"#, name: "m.json")
        #expect(throws: LabelCatalogueError.unknownUnit("F", label: "teff")) { try LabelTableMapping.read(file: file) }
    }

    @Test func unreadableFileIsRejectedAndRecorded() async throws {
        try await FreshDatabase.run { db throws in
            #expect(throws: LabelCatalogueError.self) {
                try LabelCatalogueLoader.lasp().load(path: "/nonexistent/afgk.csv", connection: db)
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM label_catalogue_load WHERE status = 'failed'") == 1)
        }
    }

    @Test func apogeeReleaseIsRegisteredAsACatalogue() async throws {
        try await FreshDatabase.run { db throws in
            #expect(throws: LabelCatalogueError.self) {
                try LabelCatalogueRegistry.registerApogee(release: "DR15", path: "/x/allStar.fits", jobID: nil, db: db)
            }
            try TestRows.apogeeStar(db, id: "2M1", ra: 10, dec: 20)
            try TestRows.apogeeStar(db, id: "2M2", ra: 11, dec: 20)
            let summary = try LabelCatalogueRegistry.registerApogee(release: "DR15", path: "/x/allStar.fits", jobID: nil, db: db)
            #expect(summary.name == "apogee-dr15" && summary.rows == 2)
            #expect(try LabelSource.resolve("apogee-dr15", db: db) == .apogee(release: "DR15"))
            #expect(throws: TrainingSetError.self) { try LabelSource.resolve("galah", db: db) }
        }
    }
}
