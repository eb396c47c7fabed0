import Catalogue
import CatalogueTestSupport
import Foundation
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// The coded storage of preprocessed spectra: what the pipeline writes reads back within the coding's
/// bounds, the SQL view decodes as Swift does, and the migration codes the rows stored before it as Swift would.
@Suite("Preprocessed arrays", .serialized)
struct PreprocessedArraysTests {
    static let flux: [Float] = [0.91, 1.02, 1.0, 0.37, 1.25, 0.999]
    static let ivar: [Float] = [400, 250, 0, 1.5e4, 90, 0.02]

    static func expectWithinBounds(_ decoded: (flux: [Float], ivar: [Float]), _ coded: CompactSpectrumArrays) {
        #expect(decoded.flux.count == flux.count && decoded.ivar.count == ivar.count)
        for j in flux.indices {
            #expect(abs(Double(decoded.flux[j]) - Double(flux[j])) <= Double(coded.fluxStep) / 2 * 1.001 + 1e-7)
            if ivar[j] == 0 { #expect(decoded.ivar[j] == 0) } else {
                #expect(abs(Double(decoded.ivar[j]) / Double(ivar[j]) - 1) <= coded.maximumRelativeIvarError * 1.001 + 1e-7)
            }
        }
    }

    @Test func aStoredSpectrumReadsBackWithinTheCodingBoundsAndTheViewAgrees() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db, pixels: Self.flux.count)
                try TestRows.spectrum(db, obsid: 7)
                try TestRows.preprocessedSpectrum(db, obsid: 7, preprocessingID: pp, flux: Self.flux, ivar: Self.ivar)
                let coded = try CompactSpectrumArrays(flux: Self.flux, ivar: Self.ivar)
                let read = try #require(try PreprocessedArrays.spectrum(obsid: 7, preprocessingID: pp, db: db))
                #expect(read.flux == coded.flux && read.ivar == coded.ivar)
                Self.expectWithinBounds(read, coded)
                #expect(try PreprocessedArrays.spectrum(obsid: 8, preprocessingID: pp, db: db) == nil)
                let view = try #require(try db.query("SELECT flux, ivar FROM spectrum_preprocessed_arrays WHERE obsid = 7").first)
                let viewFlux = try view.decode([Float].self, at: 0), viewIvar = try view.decode([Float].self, at: 1)
                for j in Self.flux.indices {
                    #expect(viewFlux[j] == read.flux[j])
                    #expect(abs(viewIvar[j] - read.ivar[j]) <= read.ivar[j].ulp)
                }
            }
        }
    }

    @Test func theMigrationCodesRowsStoredBeforeItAsTheWriterWould() async throws {
        try await TestDatabase.withFresh(migrated: false) { database in
            try await database.withConnection { db in
                let all = try Migration.load(from: try TestDatabase.migrationsDirectory())
                let compact = try #require(all.first { $0.name.hasSuffix("_compact_preprocessed.sql") })
                _ = try MigrationRunner(migrations: all.filter { $0.version < compact.version }).migrate(db)
                let pp = try TestRows.preprocessing(db, pixels: Self.flux.count)
                try TestRows.spectrum(db, obsid: 7)
                try TestRows.spectrum(db, obsid: 8)
                try db.execute("""
                    INSERT INTO spectrum_preprocessed (obsid, preprocessing_id, flux, ivar, n_bad_pixels)
                    VALUES (7, \(pp), \(Self.flux), \(Self.ivar), 1),
                           (8, \(pp), \([Float](repeating: 1, count: Self.flux.count)), \([Float](repeating: 0, count: Self.flux.count)), 6)
                    """)
                _ = try MigrationRunner(migrations: all).migrate(db)

                let coded = try CompactSpectrumArrays(flux: Self.flux, ivar: Self.ivar)
                let row = try #require(try db.query("""
                    SELECT \(PreprocessedArrays.select(from: "sp")), sp.n_bad_pixels FROM spectrum_preprocessed sp WHERE obsid = 7
                    """).first)
                #expect(try row.decode([Int16].self, "flux_code") == coded.fluxCodes)
                #expect(try row.decode(Float.self, "flux_offset") == coded.fluxOffset)
                #expect(try row.decode(Float.self, "flux_step") == coded.fluxStep)
                #expect(try row.decode(Float.self, "log2_ivar_offset") == coded.log2IvarOffset)
                // log2 in SQL is ln(x) / ln(2): a code may differ by one at an exact tie, nowhere else.
                let ivarCodes = try row.decode([Int16].self, "ivar_code")
                for (a, b) in zip(ivarCodes, coded.ivarCodes) { #expect(abs(Int(a) - Int(b)) <= 1) }
                #expect(try row.decode(Int.self, "n_bad_pixels") == 1)
                Self.expectWithinBounds(try PreprocessedArrays.decode(row), coded)

                let bad = try #require(try PreprocessedArrays.spectrum(obsid: 8, preprocessingID: pp, db: db))
                #expect(bad.flux == [Float](repeating: 1, count: Self.flux.count))
                #expect(bad.ivar == [Float](repeating: 0, count: Self.flux.count))
            }
        }
    }
}
