import Catalogue
import Store
import StoreTestSupport
import TAP
import Testing

/// The translated SQL of ADQL's geometry is indexable: with sequential scans disabled, PostgreSQL's plan
/// of a cone search, a distance cut, a polygon and a crossmatch reaches the spectra through their q3c
/// index (a translation that put the searched table's columns first could not use it at any cost).
/// On this five-star catalogue the planner reaches `slam.labels` from its few models instead, rightly;
/// at 100,000 spectra `slam-bench tap` shows its cone searches using the index.
@Suite struct TapQueryPlanIndexTests {
    /// The plan PostgreSQL makes for `adql`, translated against the published tables, with sequential scans
    /// disabled in the transaction (so only an index can avoid one).
    static func plan(_ adql: String, _ database: TestDatabase) async throws -> String {
        try await database.withConnection { db in
            let tables = try TapSchemaQueries.publishedTables(db: db)
            let plan = try TapQueryPlan(adql: adql, tables: tables, maxRecords: 100)
            return try db.transaction { db in
                _ = try db.query("SELECT set_config('enable_seqscan', 'off', true)")
                return try db.query("EXPLAIN (COSTS OFF) " + plan.statement).rows
                    .map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
            }
        }
    }

    @Test(arguments: [
        "SELECT obsid FROM slam.spectra WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 332.67, -0.58, 0.0166667))",
        "SELECT obsid FROM slam.spectra WHERE CONTAINS(POINT(ra, dec), CIRCLE(332.67, -0.58, 1)) = 1",
        "SELECT obsid FROM slam.spectra WHERE DISTANCE(POINT(ra, dec), POINT(332.67, -0.58)) < 0.1",
        "SELECT obsid FROM slam.spectra WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(332, -1, 333, -1, 333, 0, 332, 0))",
        """
        SELECT a.obsid, b.obsid AS other FROM slam.spectra AS a JOIN slam.spectra AS b
        ON 1 = CONTAINS(POINT(b.ra, b.dec), CIRCLE(a.ra, a.dec, 0.001))
        """,
    ])
    func geometryReachesTheSpectraThroughTheirQ3CIndex(adql: String) async throws {
        try await TapTestCatalogue.withCatalogue { database in
            let plan = try await Self.plan(adql, database)
            #expect(plan.contains("lamost_spectrum_q3c_idx"), "\(plan)")
        }
    }
}
