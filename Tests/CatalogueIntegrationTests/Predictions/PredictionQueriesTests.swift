import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// A prediction batch: pending spectra, staged rows, settings rows, fit spectra.
@Suite("Prediction queries")
struct PredictionQueriesTests {
    static func stageOne(_ db: PostgresConnection, model: Int, obsid: Int64, settingsID: Int) throws -> Int {
        try db.transaction { db in
            try PredictionQueries.stage({ copy in
                try copy.append([model, obsid, [Float(4000), 2], [Float(10), 0.1], [Float]?.none, [Float](repeating: 0, count: 4),
                                 Float(1), 4, 3, "converged", 0, Int64?.none, settingsID, [Float]?.none,
                                 [Float(4100), 2.2], [Float(0.98), 0.01, 0], [Float(4050), 2.1]])
            }, db: db)
            return try PredictionQueries.insertStaged(db: db)
        }
    }

    @Test func stagedPredictionsAreInsertedOnceAndLeaveThePendingList() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, pp, _) = try CatalogueWorld.readyModel(db)
                let settings = try JSONB(encoding: ["loss": "l2"])
                let settingsID = try #require(try PredictionSettingsQueries.settingsID(settings, db: db))
                #expect(try PredictionSettingsQueries.settingsID(settings, db: db) == settingsID)
                #expect(try PredictionQueries.pendingSpectra(preprocessingID: pp, obsids: [1, 2, 9], modelID: model, db: db).map(\.obsid) == [1, 2])
                #expect(try Self.stageOne(db, model: model, obsid: 1, settingsID: settingsID) == 1)
                #expect(try Self.stageOne(db, model: model, obsid: 1, settingsID: settingsID) == 0)
                let stored = try #require(try db.query(
                    "SELECT first_guess, continuum_correction, ml_labels FROM prediction WHERE model_id = \(model) AND obsid = 1").first)
                #expect(try stored.decode([Float].self, at: 0) == [4100, 2.2])
                #expect(try stored.decode([Float].self, at: 1) == [0.98, 0.01, 0])
                #expect(try stored.decode([Float].self, at: 2) == [4050, 2.1])
                let pending = try PredictionQueries.pendingSpectra(preprocessingID: pp, obsids: [1, 2], modelID: model, db: db)
                #expect(pending.map(\.obsid) == [2])
                #expect(pending.first?.flux.count == TestRows.pixels && pending.first?.snrg == 20)
                #expect(try PredictionQueries.unpredictedSpectra(modelID: model, preprocessingID: pp, matching: .all, db: db) == [2, 3, 4])
                #expect(try PredictionQueries.calibratedCount(modelID: model, db: db) == 0)

                // Fit spectra: only for existing predictions, once.
                #expect(try PredictionSpectrumQueries.predictionsWithoutSpectrum(modelID: model, obsids: [1, 2], preprocessingID: pp, db: db).map(\.obsid) == [1])
                try db.transaction { db in
                    try PredictionSpectrumQueries.writeStaged({ copy in
                        try copy.append([model, Int64(2), [Float](repeating: 1, count: 4), [Float](repeating: 0, count: 4)])
                    }, db: db)
                }
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction_spectrum") == 0)
                #expect(try PredictionSpectrumQueries.insert(modelID: model, obsid: 1, modelFlux: [1, 1, 1, 1], residual: [0, 0, 0, 0], db: db))
                #expect(try !PredictionSpectrumQueries.insert(modelID: model, obsid: 1, modelFlux: [1, 1, 1, 1], residual: [0, 0, 0, 0], db: db))
                #expect(try PredictionSpectrumQueries.predictionsWithoutSpectrum(modelID: model, obsids: [1, 2], preprocessingID: pp, db: db).isEmpty)
            }
        }
    }
}
