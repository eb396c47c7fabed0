import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

@Suite("Crossmatch queries")
struct CrossmatchQueriesTests {
    @Test func aRunWritesTheNearestPairAndIsFoundWhenComplete() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                try TestRows.spectrum(db, obsid: 1, ra: 50, dec: 10)
                try TestRows.spectrum(db, obsid: 2, ra: 60, dec: 10)
                try TestRows.apogeeStar(db, id: "near", ra: 50, dec: 10 + 0.5 / 3600)
                try TestRows.apogeeStar(db, id: "nearer", ra: 50, dec: 10 + 0.2 / 3600)
                #expect(try CrossmatchQueries.latestRun(db: db) == nil)
                for driver in [CrossmatchQueries.Driver.apogee, .lamost] {
                    let run = try CrossmatchQueries.insertRun(radiusArcsec: 3, apogeeRelease: "DR15", ambiguityArcsec: 1,
                                                              parameters: JSONB("{}"), jobID: nil, db: db)
                    #expect(try CrossmatchQueries.run(id: run, db: db)?.status == "running")
                    try CrossmatchQueries.insertPairs(runID: run, radiusArcsec: 3, apogeeRelease: "DR15", ambiguityArcsec: 1,
                                                      driver: driver, db: db)
                    let counts = try CrossmatchQueries.pairCounts(runID: run, db: db)
                    #expect(counts.matched == 1)
                    #expect(counts.ambiguous == 1)
                    #expect(counts.repeatedStars == 0)
                    let pair = try #require(try db.query("SELECT apogee_id, n_candidates FROM crossmatch_pair WHERE run_id = \(run)").first)
                    #expect(try pair.decode(String.self, at: 0) == "nearer")
                    #expect(try pair.decode(Int.self, at: 1) == 2)
                    try CrossmatchQueries.finishRun(runID: run, lamost: 2, matched: 1, ambiguous: 1, db: db)
                    #expect(try CrossmatchQueries.latestCompleteRun(db: db)?.runID == run)
                    let latest = try #require(try CrossmatchQueries.latestRun(db: db))
                    #expect(latest.runID == run && latest.lamost == 2 && latest.matched == 1 && latest.ambiguous == 1)
                }
                #expect(CrossmatchQueries.Driver(apogee: 1, lamost: 2) == .apogee)
                #expect(CrossmatchQueries.Driver(apogee: 3, lamost: 2) == .lamost)
            }
        }
    }

    @Test func explainShowsThePlanWithoutWriting() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let statement = CrossmatchQueries.insertPairsStatement(runID: 1, radiusArcsec: 3, apogeeRelease: "DR15",
                                                                       ambiguityArcsec: 1, driver: .apogee)
                let plan = try CrossmatchQueries.explain(statement, analyze: false, db: db)
                #expect(plan.first?.contains("Insert on crossmatch_pair") == true)
            }
        }
    }
}
