import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// Migration 0035 (issue 18): `prediction` partitioned by model, one partition per model made with the model
/// row, rows routed to their model's partition, existing rows and the views moved by the migration, and a
/// retired model's predictions dropped with its partition.
@Suite("Prediction partitions")
struct PredictionPartitionQueriesTests {
    /// The rows of table `table` (a partition named by the test).
    static func rows(_ db: PostgresConnection, in table: String) throws -> Int {
        try CatalogueWorld.count(db, "SELECT count(*) FROM \(identifier: table)")
    }

    @Test func eachModelHasItsPartitionAndItsRowsGoThere() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let first = try TestRows.model(db)
                let second = try TestRows.model(db)
                let partitions = try PredictionPartitionQueries.partitions(db: db)
                #expect(partitions.map(\.modelID) == [first, second])
                #expect(partitions.map(\.table) == ["prediction_m\(first)", "prediction_m\(second)"])
                for obsid in Int64(1)...3 {
                    try TestRows.spectrum(db, obsid: obsid)
                    try TestRows.prediction(db, modelID: first, obsid: obsid)
                }
                try TestRows.prediction(db, modelID: second, obsid: 2)
                #expect(try Self.rows(db, in: "prediction_m\(first)") == 3)
                #expect(try Self.rows(db, in: "prediction_m\(second)") == 1)
                // The parent's triggers reach the partitions: named labels set, counts kept.
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE teff = 4600 AND model_id = \(first)") == 3)
                #expect(try PredictionFlagCountQueries.counts(modelID: first, db: db) == [0: 3])
                // The partition belongs to the schema's owner, as every table (docs/roles.md).
                let owner = try db.query("SELECT relowner::regrole::text FROM pg_class WHERE relname = \("prediction_m\(first)")")
                    .first?.decode(String.self, at: 0)
                #expect(owner == "slam_owner")
            }
        }
    }

    @Test func purgingDropsARetiredModelsPartitionOnly() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let old = try TestRows.model(db, ready: true)
                let current = try TestRows.model(db, ready: true)
                for obsid in Int64(1)...4 {
                    try TestRows.spectrum(db, obsid: obsid)
                    try TestRows.prediction(db, modelID: old, obsid: obsid, flags: obsid == 4 ? 8 : 0)
                    try TestRows.prediction(db, modelID: current, obsid: obsid)
                }
                try TestRows.predictionSpectrum(db, modelID: old, obsid: 1)
                try TestRows.predictionSpectrum(db, modelID: current, obsid: 1)
                // A ready model may serve the catalogue: refused by the database function itself.
                let refused = #expect(throws: PostgresError.self) { try PredictionPartitionQueries.purge(modelID: old, db: db) }
                #expect("\(refused.map { "\($0)" } ?? "")".contains("only a retired or failed model's predictions can be purged"))
                let unknown = #expect(throws: PostgresError.self) { try PredictionPartitionQueries.purge(modelID: 9999, db: db) }
                #expect("\(unknown.map { "\($0)" } ?? "")".contains("model 9999 does not exist"))

                try db.execute("UPDATE model SET status = 'retired' WHERE model_id = \(old)")
                #expect(try PredictionPartitionQueries.purge(modelID: old, db: db) == 4)
                #expect(try PredictionPartitionQueries.partitions(db: db).map(\.modelID) == [current])
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = \(old)") == 0)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = \(current)") == 4)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction_spectrum") == 1)
                #expect(try PredictionFlagCountQueries.counts(modelID: old, db: db).isEmpty)
                #expect(try PredictionFlagCountQueries.counts(modelID: current, db: db) == [0: 4])
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM model WHERE model_id = \(old)") == 1)
                // Again: nothing left to drop.
                #expect(try PredictionPartitionQueries.purge(modelID: old, db: db) == 0)
            }
        }
    }

    @Test func theMigrationMovesTheRowsAndKeepsTheViews() async throws {
        try await TestDatabase.withFresh(migrated: false) { database in
            try await database.withConnection { db in
                let all = try Migration.load(from: TestDatabase.migrationsDirectory())
                #expect(all.contains { $0.name == "0035_prediction_partitions.sql" })
                _ = try MigrationRunner(migrations: all.filter { $0.version < 35 }).migrate(db)
                let model = try TestRows.model(db, labelNames: ["teff", "logg", "m_h"])
                for obsid in Int64(1)...3 {
                    try TestRows.spectrum(db, obsid: obsid)
                    try TestRows.prediction(db, modelID: model, obsid: obsid, labels: [4800, 2.4, -1.1], formalErrors: [40, 0.1, 0.05],
                                            flags: obsid == 3 ? 2 : 0)
                }
                try TestRows.predictionSpectrum(db, modelID: model, obsid: 2)
                let views = """
                    SELECT c.oid::regclass::text, pg_get_viewdef(c.oid), c.relowner::regrole::text,
                           (SELECT array_agg(a ORDER BY a) FROM unnest(c.relacl::text[]) a)::text,
                           coalesce(obj_description(c.oid, 'pg_class'), ''),
                           (SELECT string_agg(a.attname || '=' || coalesce(col_description(c.oid, a.attnum), ''), ';' ORDER BY a.attnum)
                            FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0)
                    FROM pg_class c WHERE c.relkind = 'v' AND c.relnamespace IN ('public'::regnamespace, 'slam'::regnamespace) ORDER BY 1
                    """
                func snapshot() throws -> [[String]] {
                    try db.query(SQL(stringLiteral: views)).rows.map { row in try (0..<6).map { try row.decode(String.self, at: $0) } }
                }
                let before = try snapshot()
                #expect(before.contains { $0[0] == "labels_current" } && before.contains { $0[0] == "slam.labels" })

                // What the session sees just before (a rare failure under the whole suite found no public.prediction).
                let state = try db.query("""
                    SELECT current_database()::text || ' ' || current_setting('search_path') || ' '
                           || coalesce(to_regclass('public.prediction')::text, 'no public.prediction') || ' '
                           || (SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations WHERE version > 30)
                    """).first?.decode(String.self, at: 0) ?? "?"
                do {
                    #expect(try MigrationRunner(migrations: all).migrate(db).applied.first == "0035_prediction_partitions.sql")
                } catch {
                    Issue.record("\(error); the session just before: \(state)")
                    return
                }
                #expect(try snapshot() == before)
                #expect(try Self.rows(db, in: "prediction_m\(model)") == 3)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction WHERE m_h = -1.1::real") == 3)
                #expect(try PredictionFlagCountQueries.counts(modelID: model, db: db) == [0: 2, 2: 1])
                // The fit spectrum's foreign key points at the new table: deleting the spectrum cascades.
                try db.execute("DELETE FROM lamost_spectrum WHERE obsid = 2")
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction_spectrum") == 0)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM prediction") == 2)
                let kind = try db.query("SELECT relkind::text FROM pg_class WHERE oid = 'prediction'::regclass").first?.decode(String.self, at: 0)
                #expect(kind == "p")
            }
        }
    }
}
