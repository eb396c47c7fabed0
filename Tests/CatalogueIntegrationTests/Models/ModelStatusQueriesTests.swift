import Catalogue
import Store
import StoreTestSupport
import Testing

/// The status check before work is enqueued for a model.
@Suite("Model status queries")
struct ModelStatusQueriesTests {
    /// A preprocessing version, a training set and a model with `status` on it (factories private to this
    /// file: the model factories of this target may replace them); returns the model and preprocessing ids.
    static func model(_ db: PostgresConnection, status: String) throws -> (model: Int, preprocessing: Int) {
        let pp = try #require(try db.query("""
            INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
            VALUES ('status-pp', '{}', 4000, 10, 8) RETURNING preprocessing_id
            """).first).decode(Int.self, at: 0)
        let set = try #require(try db.query("""
            INSERT INTO training_set (name, version, label_set, label_names, label_source, preprocessing_id, criteria,
                                      cut_report, seed, n_members)
            VALUES ('status-set', 1, 'status-labels', '{teff}', 'fixture', \(pp), '{}', '{}', 1, 0)
            RETURNING training_set_id
            """).first).decode(Int.self, at: 0)
        let ready = status == "ready"
        let model = try #require(try db.query("""
            INSERT INTO model (label_set, training_set_id, label_names, preprocessing_id, status, settings, code_version,
                               blob_bytes, blob_sha256, finished_at)
            VALUES ('status-labels', \(set), '{teff}', \(pp), \(status), '{}', 'test',
                    \(ready ? 1 : nil as Int?), \(ready ? String(repeating: "0", count: 64) : nil as String?),
                    CASE WHEN \(ready) THEN now() END)
            RETURNING model_id
            """).first).decode(Int.self, at: 0)
        return (model, pp)
    }

    @Test func aModelsStatusAndPreprocessingAreRead() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let ready = try Self.model(db, status: "ready")
                #expect(try ModelStatusQueries.status(modelID: ready.model, db: db)
                        == ModelStatusRow(status: "ready", preprocessingID: ready.preprocessing))
            }
        }
    }

    @Test func aTrainingModelReadsAsTrainingAndAnUnknownOneAsNil() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let training = try Self.model(db, status: "training")
                #expect(try ModelStatusQueries.status(modelID: training.model, db: db)?.status == "training")
                #expect(try ModelStatusQueries.status(modelID: training.model + 100, db: db) == nil)
            }
        }
    }
}
