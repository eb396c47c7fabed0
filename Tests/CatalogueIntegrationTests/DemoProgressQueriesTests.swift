import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// The demo's stage lines: what ingest, crossmatch, predict and calibrate left behind.
@Suite("Demo progress queries")
struct DemoProgressQueriesTests {
    @Test func countsWhatTheStagesLeft() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                #expect(try DemoProgressQueries.latestCrossmatch(db: db) == nil)
                let pp = try CatalogueWorld.reportPreprocessing(db)
                try CatalogueWorld.reportSpectrum(db, obsid: 1, preprocessingID: pp)
                try CatalogueWorld.reportSpectrum(db, obsid: 2)
                try RejectionWriter.write(RejectionRecord(stage: "ingest_lamost", source: "/f", code: "c", reason: "r"), jobID: nil, db: db)
                let counts = try DemoProgressQueries.ingestCounts(db: db)
                #expect(counts.spectra == 2 && counts.preprocessed == 1 && counts.apogeeStars == 0 && counts.rejections == 1)

                let model = try CatalogueWorld.reportModel(db, preprocessingID: pp, members: [(1, 4600, 2.5)])
                try TestRows.prediction(db, modelID: model, obsid: 1)
                try TestRows.prediction(db, modelID: model, obsid: 2)
                #expect(try DemoProgressQueries.predictionCount(modelID: model, db: db) == 2)
                #expect(try DemoProgressQueries.calibrationPairs(modelID: model, db: db) == 0)
            }
        }
    }
}
