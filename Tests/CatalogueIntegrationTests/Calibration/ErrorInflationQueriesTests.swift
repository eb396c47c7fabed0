import Catalogue
import Store
import StoreTestSupport
import Testing

/// A model's error calibration: replaced as a whole, read in both orders, applied to its predictions.
@Suite("Error inflation queries")
struct ErrorInflationQueriesTests {
    /// Migration 0024: a worker logged in as a role granted only `slam_worker` refreshes the statistics of
    /// `prediction` too (found by scripts/multihost, whose workers log in so: a plain ANALYZE by such a role
    /// is skipped by the server with a warning, and the calibration ran without statistics).
    @Test func aWorkerRoleRefreshesThePredictionStatistics() async throws {
        try await TestDatabase.withFresh { database in
            let login = "t_analyze_\(UInt32.random(in: 0...UInt32.max))"
            let reltuples = "SELECT reltuples::int8 FROM pg_class WHERE oid = 'prediction'::regclass"
            let before = try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db)
                let settingsID = try #require(try PredictionSettingsQueries.settingsID(JSONB(encoding: ["loss": "l2"]), db: db))
                _ = try PredictionQueriesTests.stageOne(db, model: model, obsid: 1, settingsID: settingsID)
                _ = try PredictionQueriesTests.stageOne(db, model: model, obsid: 2, settingsID: settingsID)
                try db.executeScript("CREATE ROLE \(login) LOGIN; GRANT slam_worker TO \(login)", name: "create login role")
                return try db.query(reltuples).first?.decode(Int.self, at: 0)
            }
            #expect(before != 2)
            let worker = PostgresConnectionFactory(configuration: database.configuration.withUser(login))
            do {
                let who = try await worker.withConnection { db in
                    try ErrorInflationQueries.analyzePredictions(db: db)
                    return try db.query("SELECT current_user").first?.decode(String.self, at: 0)
                }
                #expect(who == login)
                #expect(try await database.withConnection { try $0.query(reltuples).first?.decode(Int.self, at: 0) } == 2)
            } catch {
                Issue.record("analysing as \(login): \(error)")
            }
            _ = try? await database.withConnection { db in
                try db.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)", name: "drop login role")
            }
        }
    }

    @Test func calibrationIsReplacedAndAppliedToPredictions() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db)
                let settingsID = try #require(try PredictionSettingsQueries.settingsID(JSONB(encoding: ["loss": "l2"]), db: db))
                _ = try PredictionQueriesTests.stageOne(db, model: model, obsid: 1, settingsID: settingsID)
                _ = try PredictionQueriesTests.stageOne(db, model: model, obsid: 2, settingsID: settingsID)
                #expect(try ErrorInflationQueries.rows(modelID: model, db: db).isEmpty)
                let rows = [
                    ErrorInflationRow(label: "teff", scope: "all", snrMin: 0, snrMax: .infinity, pairs: 1, inflation: 2, ownFactor: true,
                                      validationCount: 4, floor: 0, note: "n"),
                    ErrorInflationRow(label: "teff", scope: "bin", snrMin: 0, snrMax: 15, pairs: 1, inflation: 3, ownFactor: true,
                                      validationCount: 2, floor: 0, note: nil),
                    ErrorInflationRow(label: "logg", scope: "all", snrMin: 0, snrMax: .infinity, pairs: 1, inflation: 1, ownFactor: true,
                                      validationCount: 4, floor: 0, note: nil),
                ]
                try db.transaction { db in
                    try ErrorInflationQueries.replace(modelID: model, [rows[0]], method: "m", jobID: nil, db: db)
                    try ErrorInflationQueries.replace(modelID: model, rows, method: "m", jobID: 7, db: db)
                }
                #expect(try ErrorInflationQueries.rows(modelID: model, db: db).count == 3)
                #expect(try ErrorInflationQueries.reportRows(modelID: model, db: db) == [rows[1], rows[0], rows[2]])  // by label order, bins first
                #expect(try ErrorInflationQueries.recomputeCalibratedErrors(modelID: model, db: db) == 2)
                #expect(try PredictionQueries.calibratedCount(modelID: model, db: db) == 2)
                // Spectrum 1 (S/N 10) takes teff's bin factor 3, spectrum 2 (S/N 20) the all-S/N factor 2.
                let errors = try db.query("SELECT calibrated_errors FROM prediction WHERE model_id = \(model) ORDER BY obsid").rows
                    .map { try $0.decode([Float].self, at: 0) }
                #expect(errors == [[30, 0.1], [20, 0.1]])
                try ErrorInflationQueries.analyzePredictions(db: db)
                #expect(try ErrorInflationQueries.repeatPairs(modelID: model, radiusDegrees: 1, db: db).isEmpty)
            }
        }
    }
}
