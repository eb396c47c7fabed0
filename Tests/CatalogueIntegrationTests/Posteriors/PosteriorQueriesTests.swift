import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// Posterior rows are written once per model and spectrum and read back by obsid.
@Suite("Posterior queries")
struct PosteriorQueriesTests {
    @Test func aPosteriorIsWrittenOnceAndReadBack() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, pp, _) = try CatalogueWorld.readyModel(db)
                #expect(try PosteriorQueries.preprocessedSpectrum(obsid: 2, preprocessingID: pp, db: db)?.flux.count == TestRows.pixels)
                #expect(try PosteriorQueries.preprocessedSpectrum(obsid: 99, preprocessingID: pp, db: db) == nil)
                let row = PosteriorRow(modelID: model, obsid: 2, labelNames: ["teff", "logg"], fitLabels: [4000, 2], p16: [3990, 1.9],
                                       p50: [4000, 2], p84: [4010, 2.1], acceptance: 0.4, autocorrelation: [20, 25], walkers: 8,
                                       steps: 100, burnIn: 20, seed: -1, loss: "l2", jobID: nil)
                #expect(try !PosteriorQueries.exists(modelID: model, obsid: 2, db: db))
                #expect(try PosteriorQueries.insert(row, db: db))
                #expect(try !PosteriorQueries.insert(row, db: db))
                #expect(try PosteriorQueries.exists(modelID: model, obsid: 2, db: db))
                #expect(try PosteriorQueries.posteriors(modelID: model, obsids: [1, 2], db: db) == [row])
            }
        }
    }
}
