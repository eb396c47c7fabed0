import Catalogue
import Store
import StoreTestSupport
import Testing

@Suite("APOGEE star queries")
struct ApogeeStarQueriesTests {
    static func row(id: String, snr: Float, fileRow: Int32, extratarg: Int32? = nil) -> [any PostgresEncodable] {
        var values: [any PostgresEncodable] = ApogeeStarQueries.stagedColumns.map { _ in String?.none }
        func set(_ column: String, _ value: any PostgresEncodable) {
            if let k = ApogeeStarQueries.stagedColumns.firstIndex(of: column) { values[k] = value }
        }
        set("apogee_id", id)
        set("release", "DR15")
        set("ra", 10.0)
        set("dec", 20.0)
        set("snr", snr)
        set("aspcapflag", Int64(0))
        set("starflag", Int64(0))
        set("extratarg", extratarg)
        set("source_file", "/a/allStar.fits")
        set("file_row", fileRow)
        return values
    }

    @Test func oneRowPerStarIsKeptAndReleasesAreCounted() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                #expect(try ApogeeStarQueries.releases(db: db) == [])
                let stars = try db.transaction { db in
                    try ApogeeStarQueries.createStaging(db: db)
                    try ApogeeStarQueries.stage(db: db) { copy in
                        try copy.append(Self.row(id: "A", snr: 50, fileRow: 0))
                        try copy.append(Self.row(id: "A", snr: 90, fileRow: 1))
                        try copy.append(Self.row(id: "A", snr: 300, fileRow: 2, extratarg: 16))  // a duplicate: never first
                        try copy.append(Self.row(id: "B", snr: 10, fileRow: 3))
                    }
                    return try ApogeeStarQueries.upsertStaged(release: "DR15", db: db)
                }
                #expect(stars == 2)
                #expect(try ApogeeStarQueries.count(release: "DR15", db: db) == 2)
                #expect(try ApogeeStarQueries.count(release: "DR17", db: db) == 0)
                #expect(try ApogeeStarQueries.releases(db: db) == ["DR15"])
                let a = try #require(try db.query("SELECT snr::float8, n_rows FROM apogee_star WHERE apogee_id = 'A'").first)
                #expect(try a.decode(Double.self, at: 0) == 90)
                #expect(try a.decode(Int.self, at: 1) == 3)
            }
        }
    }
}
