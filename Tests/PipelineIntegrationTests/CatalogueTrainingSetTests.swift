import CatalogueTestSupport
import Foundation
import Pipeline
import Store
import Testing

/// Training sets from label catalogues (issue 10): the LASP cuts with their report, position matching,
/// exact member lists, and version recording.
@Suite("Training sets from label catalogues") struct CatalogueTrainingSetTests {
    /// Spectra 1...8 with a LASP-like catalogue: 1-3 pass the LASP cuts; 4 has S/N 60; 5 is 8500 K; 6 lacks
    /// [Fe/H]; 7 has no preprocessed spectrum; 8 has too many bad pixels. 9 is in the catalogue only.
    static func world(_ db: PostgresConnection) throws -> String {
        let pp = try TestRows.preprocessing(db)
        for obsid in Int64(1)...8 {
            try TestRows.spectrum(db, obsid: obsid, ra: 10 + Double(obsid) * 0.01, dec: 20, snrg: obsid == 4 ? 60 : 150)
            if obsid != 7 { try TestRows.preprocessedSpectrum(db, obsid: obsid, preprocessingID: pp, badPixels: obsid == 8 ? 500 : 0) }
        }
        let path = try LabelCatalogueLoaderTests.write("""
            obsid,ra,dec,snrg,teff,teff_err,logg,logg_err,feh,feh_err
            1,10.01,20,150,5000,50,4.5,0.1,-0.1,0.05
            2,10.02,20,150,6000,50,4.2,0.1,-0.3,0.05
            3,10.03,20,150,7000,50,4.0,0.1,0.1,0.05
            4,10.04,20,60,5500,50,4.4,0.1,0.0,0.05
            5,10.05,20,150,8500,50,4.0,0.1,0.0,0.05
            6,10.06,20,150,5200,50,4.5,0.1,-9999,0.05
            7,10.07,20,150,5300,50,4.5,0.1,0.0,0.05
            8,10.08,20,150,5400,50,4.5,0.1,0.0,0.05
            9,10.09,20,150,5400,50,4.5,0.1,0.0,0.05
            """)
        _ = try LabelCatalogueLoader.lasp().load(path: path, connection: db)
        return path
    }

    @Test func laspCutsSelectAFGKStarsAtHighSNRAndReportEachCut() async throws {
        try await FreshDatabase.run { db throws in
            _ = try Self.world(db)
            let report = try CatalogueTrainingSetBuilder().create(name: "afgk", criteria: .lasp(validationFraction: 0), connection: db)
            #expect(report.candidates == 8)
            #expect(report.members == 3)
            #expect(report.source == "label catalogue lasp-dr5 v1")
            #expect(report.cuts.map(\.name) == ["has_preprocessed_spectrum", "lamost_snrg", "labels_present", "teff_range", "bad_pixels", "repeat_not_best_snr"])
            #expect(report.cuts.map(\.removed) == [1, 1, 1, 1, 1, 0])
            let set = try #require(try db.query("""
                SELECT label_set, label_names, catalogue_id, crossmatch_run_id IS NULL, criteria->>'catalogueVersion' FROM training_set
                """).first)
            #expect(try set.decode(String.self, at: 0) == "lasp-dr5")
            #expect(try set.decode([String].self, at: 1) == ["teff", "logg", "feh"])
            #expect(try set.decode(Bool.self, at: 3))
            #expect(try set.decode(String.self, at: 4) == "1")
            let members = try db.query("SELECT obsid FROM training_set_member ORDER BY obsid").rows.map { try $0.decode(Int64.self, at: 0) }
            #expect(members == [1, 2, 3])
            let labels = try db.query("SELECT labels, label_errors FROM training_set_member WHERE obsid = 2").first
            #expect(try labels?.decode([Float].self, at: 0) == [6000, 4.2, -0.3])
        }
    }

    @Test func unknownSourceOrLabelIsAClearError() async throws {
        try await FreshDatabase.run { db throws in
            _ = try Self.world(db)
            #expect(throws: TrainingSetError.unknownLabelSource("galah", known: ["lasp-dr5"])) {
                try CatalogueTrainingSetBuilder().create(name: "x", criteria: .init(source: "galah", labels: ["teff"]), connection: db)
            }
            #expect(throws: TrainingSetError.labelNotInCatalogue("m_h", catalogue: "lasp-dr5", available: ["teff", "logg", "feh"])) {
                try CatalogueTrainingSetBuilder().create(name: "x", criteria: .init(source: "lasp-dr5", labels: ["m_h"]), connection: db)
            }
        }
    }

    @Test func memberListGivesExactlyTheListedSpectraAndHeldOutMarks() async throws {
        try await FreshDatabase.run { db throws in
            _ = try Self.world(db)
            // 4 (low S/N) and 5 (hot) fail the cuts but are listed: the list wins.
            let file = try LabelCatalogueLoaderTests.write("obsid,held_out\n5,true\n1,false\n4,0\n3,1\n", name: "members.csv")
            let members = try TrainingSetMembers.read(file: file)
            var criteria = CatalogueTrainingSetCriteria.lasp()
            criteria.members = members
            let report = try CatalogueTrainingSetBuilder().create(name: "curated", criteria: criteria, connection: db)
            #expect(report.members == 4 && report.heldOut == 2)
            let rows = try db.query("SELECT obsid, held_out FROM training_set_member ORDER BY obsid").rows.map {
                "\(try $0.decode(Int64.self, at: 0)):\(try $0.decode(Bool.self, at: 1))"
            }
            #expect(rows == ["1:false", "3:true", "4:false", "5:true"])
        }
    }

    @Test func unusableListedMembersWriteNothing() async throws {
        try await FreshDatabase.run { db throws in
            _ = try Self.world(db)
            var criteria = CatalogueTrainingSetCriteria.lasp()
            criteria.members = TrainingSetMembers(obsids: [1, 6, 7, 42])
            #expect {
                try CatalogueTrainingSetBuilder().create(name: "curated", criteria: criteria, connection: db)
            } throws: { error in
                guard case let .unusableMembers(count, examples) = error as? TrainingSetError else { return false }
                return count == 3 && examples.count == 3 && examples[0].contains("obsid 6") && examples[0].contains("labels_present")
                    && examples[1].contains("has_preprocessed_spectrum") && examples[2].contains("obsid 42")
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM training_set") == 0)
            #expect(throws: TrainingSetError.self) {
                try TrainingSetMembers.parse(.init(columns: [.init(name: "obsid", values: .int64([1, 1]))]), file: "dup.csv")
            }
        }
    }

    @Test func positionKeyedCatalogueMatchesTheNearestReferenceWithinTheRadius() async throws {
        try await FreshDatabase.run { db throws in
            let pp = try TestRows.preprocessing(db)
            try TestRows.spectrum(db, obsid: 1, ra: 50, dec: 10)
            try TestRows.preprocessedSpectrum(db, obsid: 1, preprocessingID: pp)
            try TestRows.spectrum(db, obsid: 2, ra: 50 + TestRows.raOffset(arcsec: 10, dec: 10), dec: 10)
            try TestRows.preprocessedSpectrum(db, obsid: 2, preprocessingID: pp)
            let near = 50 + TestRows.raOffset(arcsec: 1, dec: 10), nearer = 50 + TestRows.raOffset(arcsec: 0.3, dec: 10)
            let path = try LabelCatalogueLoaderTests.write("id,ra,dec,logg\nfar,\(near),10,2.9\nclose,\(nearer),10,3.1\n")
            _ = try LabelCatalogueLoader(name: "seismic", kind: .table,
                                         mapping: .init(raColumn: "ra", decColumn: "dec", idColumn: "id", labels: [.init(name: "logg", column: "logg")]))
                .load(path: path, connection: db)
            let report = try CatalogueTrainingSetBuilder().create(
                name: "seis", criteria: .init(source: "seismic", labels: ["logg"], validationFraction: 0), connection: db)
            #expect(report.candidates == 1 && report.members == 1)
            let member = try db.query("SELECT obsid, reference_id FROM training_set_member").first
            #expect(try member?.decode(Int64.self, at: 0) == 1)
            #expect(try member?.decode(String.self, at: 1) == "close")
        }
    }
}
