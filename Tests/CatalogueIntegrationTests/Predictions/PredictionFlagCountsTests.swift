import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// Migration 0034 (issue 18): the counts of predictions per model and flags value kept by triggers as
/// predictions are inserted, re-flagged and deleted, filled for predictions written before it, compacted
/// by the model's calibration, and summed by `label_flag_counts`.
@Suite("Prediction flag counts")
struct PredictionFlagCountsTests {
    /// Predictions per flags value of model `modelID`, counted from the rows themselves.
    static func direct(modelID: Int, db: PostgresConnection) throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for row in try db.query("SELECT flags, count(*)::int8 FROM prediction WHERE model_id = \(modelID) GROUP BY flags").rows {
            counts[try row.decode(Int.self, at: 0)] = try row.decode(Int.self, at: 1)
        }
        return counts
    }

    @Test func countsFollowInsertsUpdatesDeletesAndCompaction() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db, spectra: 6)
                try TestRows.prediction(db, modelID: model, obsid: 1, flags: 0)
                try TestRows.prediction(db, modelID: model, obsid: 2, flags: 1 << 12)
                // A batch as the predictor writes it: staged rows inserted in one statement, a duplicate skipped.
                let settings = try #require(try PredictionSettingsQueries.settingsID(try JSONB(encoding: ["loss": "linear"]), db: db))
                let inserted = try db.transaction { db throws -> Int in
                    try PredictionQueries.stage({ copy in
                        for (obsid, flags) in [(Int64(1), 0), (3, 0), (4, 8), (5, 8 | 4096)] {
                            try copy.append([model, obsid, [Float(4000), 2], [Float(10), 0.1], [Float]?.none, [Float](repeating: 0, count: 4),
                                             Float(1), 4, 3, "converged", flags, Int64?.none, settings, [Float]?.none,
                                             [Float]?.none, [Float]?.none, [Float]?.none])
                        }
                    }, db: db)
                    return try PredictionQueries.insertStaged(db: db)
                }
                #expect(inserted == 3)
                #expect(try PredictionFlagCountQueries.counts(modelID: model, db: db) == Self.direct(modelID: model, db: db))
                // Re-flagged, moved out, deleted.
                try db.execute("UPDATE prediction SET flags = 8 WHERE model_id = \(model) AND obsid = 2")
                try db.execute("UPDATE prediction SET calibrated_errors = '{1, 0.1}' WHERE model_id = \(model)")
                try db.execute("DELETE FROM prediction WHERE model_id = \(model) AND obsid = 3")
                let expected = try Self.direct(modelID: model, db: db)
                #expect(expected == [0: 1, 8: 2, 8 | 4096: 1])
                #expect(try PredictionFlagCountQueries.counts(modelID: model, db: db) == expected)
                // Compaction: one row per flags value still held, the same counts.
                #expect(try PredictionFlagCountQueries.compact(modelID: model, db: db) == 3)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction_flag_delta WHERE model_id = \(model)") == 3)
                #expect(try PredictionFlagCountQueries.counts(modelID: model, db: db) == expected)
                // The view: the current model's spectra per raised bit.
                try db.execute("INSERT INTO model_promotion (label_set, model_id, decided_by) VALUES ('labels', \(model), 'user')")
                let view = try db.query("SELECT bit, n_spectra FROM label_flag_counts WHERE model_id = \(model) ORDER BY bit").rows.map {
                    "\(try $0.decode(Int.self, at: 0)):\(try $0.decode(Int64.self, at: 1))"
                }
                #expect(view == ["3:3", "12:1"])
                try db.executeScript("TRUNCATE prediction CASCADE", name: "truncate predictions")
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction_flag_delta") == 0)
            }
        }
    }

    @Test func theMigrationCountsPredictionsWrittenBeforeIt() async throws {
        try await TestDatabase.withFresh(migrated: false) { database in
            try await database.withConnection { db in
                let all = try Migration.load(from: TestDatabase.migrationsDirectory())
                let before = all.filter { $0.version < 34 }
                #expect(all.contains { $0.name == "0034_prediction_flag_counts.sql" })
                _ = try MigrationRunner(migrations: before).migrate(db)
                let model = try TestRows.model(db)
                for obsid in Int64(1)...3 {
                    try TestRows.spectrum(db, obsid: obsid)
                    try TestRows.prediction(db, modelID: model, obsid: obsid, flags: obsid == 3 ? 2 : 0)
                }
                _ = try MigrationRunner(migrations: all).migrate(db)
                #expect(try PredictionFlagCountQueries.counts(modelID: model, db: db) == [0: 2, 2: 1])
            }
        }
    }
}
