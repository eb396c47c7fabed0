import Catalogue
import CatalogueTestSupport
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

@Suite("LAMOST spectrum queries")
struct LamostSpectrumQueriesTests {
    /// A file checksum (64 hex digits) ending in `tag`.
    static func sha(_ tag: String) -> String { String(repeating: "a", count: 64 - tag.count) + tag }

    /// A staged spectrum's values: an obsid and its file, every optional column NULL.
    static func row(obsid: Int64, path: String, sha256: String) -> [any PostgresEncodable] {
        var values: [any PostgresEncodable] = LamostSpectrumQueries.spectrumColumns.map { _ in String?.none }
        func set(_ column: String, _ value: any PostgresEncodable) {
            if let k = LamostSpectrumQueries.spectrumColumns.firstIndex(of: column) { values[k] = value }
        }
        set("obsid", obsid)
        set("obsid_synthetic", false)
        set("ra", 50.0)
        set("dec", 10.0)
        set("file_layout", "image")
        set("n_pixels", 3909)
        set("file_path", path)
        set("file_sha256", sha256)
        set("file_bytes", 1000)
        set("header", JSONB("{}"))
        set("notes", [String]())
        return values
    }

    @Test func stagedSpectraAreUpsertedWithTheirPreprocessedSpectra() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try TestRows.preprocessing(db)
                try TestRows.spectrum(db, obsid: 1, ra: 50, dec: 10)
                try TestRows.preprocessedSpectrum(db, obsid: 1, preprocessingID: pp)
                try db.transaction { db in
                    try LamostSpectrumQueries.lockObsids([1, 2], db: db)
                    try LamostSpectrumQueries.preferFastCompression(db: db)
                    #expect(try LamostSpectrumQueries.storedFiles(obsids: [1, 2], db: db).map(\.path) == ["/fixture/1.fits"])
                    try LamostSpectrumQueries.createStaging(db: db)
                    try LamostSpectrumQueries.stageSpectra(db: db) { copy in
                        try copy.append(Self.row(obsid: 1, path: "/new/1.fits", sha256: Self.sha("1")))
                        try copy.append(Self.row(obsid: 2, path: "/new/2.fits", sha256: Self.sha("2")))
                    }
                    try LamostSpectrumQueries.stagePreprocessed(db: db) { copy in
                        for (obsid, sha) in [(Int64(1), Self.sha("1")), (2, Self.sha("2")), (3, Self.sha("3"))] {
                            let coded = try CompactSpectrumArrays(flux: [Float](repeating: 1, count: 4), ivar: [Float](repeating: 9, count: 4))
                            try copy.append([obsid, sha, coded.fluxCodes, coded.fluxOffset, coded.fluxStep, coded.ivarCodes,
                                             coded.log2IvarOffset, coded.log2IvarStep, 0, 0, false, 0])
                        }
                    }
                    // The displaced file's preprocessed spectrum goes; a staged one without its spectrum is not written.
                    try LamostSpectrumQueries.deletePreprocessed(obsids: [1], db: db)
                    #expect(try LamostSpectrumQueries.upsertStagedSpectra(db: db) == 2)
                    #expect(try LamostSpectrumQueries.insertStagedPreprocessed(preprocessingID: pp, db: db) == 2)
                }
                #expect(try LamostSpectrumQueries.count(db: db) == 2)
                #expect(try LamostSpectrumQueries.knownChecksums([Self.sha("1"), Self.sha("2"), Self.sha("9"), TestRows.fileSHA256(1)], db: db) == [Self.sha("1"), Self.sha("2")])
                let stored = try LamostSpectrumQueries.storedFiles(obsids: [1], db: db)
                #expect(stored.map(\.path) == ["/new/1.fits"])
                #expect(stored.first?.sha256 == Self.sha("1"))
            }
        }
    }
}
