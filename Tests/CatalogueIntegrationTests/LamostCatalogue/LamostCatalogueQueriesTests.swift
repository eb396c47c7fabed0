import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

@Suite("LAMOST catalogue queries")
struct LamostCatalogueQueriesTests {
    static func row(obsid: Int64, teff: Double?, snrg: Double?) -> [any PostgresEncodable] {
        var values: [any PostgresEncodable] = LamostCatalogueQueries.columns.map { _ in String?.none }
        func set(_ column: String, _ value: any PostgresEncodable) {
            if let k = LamostCatalogueQueries.columns.firstIndex(of: column) { values[k] = value }
        }
        set("obsid", obsid)
        set("teff", teff)
        set("snrg", snrg)
        set("data_release", "DR5")
        set("catalogue_file", "/c/cat.csv")
        return values
    }

    static func load(_ db: PostgresConnection, _ rows: [[any PostgresEncodable]], keeping: Set<String>) throws -> (loaded: Int, matched: Int) {
        try db.transaction { db in
            try LamostCatalogueQueries.createStaging(db: db)
            try LamostCatalogueQueries.stage(db: db) { copy in for r in rows { try copy.append(r) } }
            return (try LamostCatalogueQueries.upsertStaged(keeping: keeping, db: db), try LamostCatalogueQueries.stagedMatchingSpectra(db: db))
        }
    }

    @Test func aReloadKeepsTheColumnsTheFileLacks() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try TestRows.spectrum(db, obsid: 1, ra: 50, dec: 10)
                let first = try Self.load(db, [Self.row(obsid: 1, teff: 5000, snrg: 40), Self.row(obsid: 2, teff: 6000, snrg: 50)], keeping: [])
                #expect(first.loaded == 2)
                #expect(first.matched == 1)
                // The second file has no teff column: the stored teff stays, snrg is replaced.
                _ = try Self.load(db, [Self.row(obsid: 1, teff: nil, snrg: 99)], keeping: ["teff"])
                let row = try #require(try db.query("SELECT teff::float8, snrg::float8 FROM lamost_catalogue WHERE obsid = 1").first)
                #expect(try row.decode(Double.self, at: 0) == 5000)
                #expect(try row.decode(Double.self, at: 1) == 99)
            }
        }
    }
}
