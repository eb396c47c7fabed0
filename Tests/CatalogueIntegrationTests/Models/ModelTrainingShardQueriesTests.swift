import Catalogue
import Foundation
import Store
import StoreTestSupport
import Testing

/// Shard results of a sharded training: written once per (model, phase, shard), read back in shard order
/// with their digest checked.
@Suite("Model training shard queries")
struct ModelTrainingShardQueriesTests {
    static func row(_ shard: Int, _ bytes: [UInt8], job: Int64? = 7) -> ModelTrainingShardRow {
        ModelTrainingShardRow(phase: ModelTrainingShardQueries.pixelsPhase, shard: shard, range: (10 * shard)..<(10 * shard + 10),
                              result: bytes, seconds: 1.5, worker: "host:1:abc", jobID: job)
    }

    @Test func aShardIsStoredOnceAndReadBackInOrder() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db)
                #expect(try ModelTrainingShardQueries.insert(modelID: model, Self.row(1, [1, 2, 3]), db: db))
                #expect(try ModelTrainingShardQueries.insert(modelID: model, Self.row(0, [0, 255], job: nil), db: db))
                #expect(try !ModelTrainingShardQueries.insert(modelID: model, Self.row(1, [9, 9]), db: db), "a duplicate is ignored")
                let rows = try ModelTrainingShardQueries.shards(modelID: model, phase: ModelTrainingShardQueries.pixelsPhase, db: db)
                #expect(rows == [Self.row(0, [0, 255], job: nil), Self.row(1, [1, 2, 3])])
                #expect(try ModelTrainingShardQueries.storedShards(modelID: model, phase: ModelTrainingShardQueries.pixelsPhase, db: db) == [0, 1])
                #expect(try ModelTrainingShardQueries.storedShards(modelID: model, phase: ModelTrainingShardQueries.validatePhase, db: db).isEmpty)
            }
        }
    }

    @Test func aResultThatDoesNotMatchItsDigestIsRefused() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db)
                try ModelTrainingShardQueries.insert(modelID: model, Self.row(0, [1, 2, 3]), db: db)
                // Deliberately corrupt stored bytes (the statement under test is the read's check).
                _ = try db.execute("UPDATE model_training_shard SET result = '\\x0102'::bytea")
                #expect(throws: PostgresError.self) {
                    try ModelTrainingShardQueries.shards(modelID: model, phase: ModelTrainingShardQueries.pixelsPhase, db: db)
                }
            }
        }
    }
}
