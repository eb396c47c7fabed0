import Catalogue
import Pipeline
import Store
import StoreTestSupport
import Testing

/// `ModelRegistry.purge` (`slam model purge`): a retired model's predictions dropped with its partition of
/// `prediction` (migration 0035), by the roles docs/roles.md gives it to.
@Suite("Model purge")
struct ModelPurgeTests {
    @Test func aWorkerTrainsIntoItsOwnPartitionAndAnOperatorPurgesTheRetiredModel() async throws {
        try await FreshDatabase.run { db in
            // A worker (no DDL privilege) starts a training: the model row's trigger makes its partition.
            let pp = try TinyModelWorld.spectra(db, first: 1, count: 40)
            try TinyModelWorld.trainingSet(db, obsids: Array(1...30), preprocessingID: pp)
            let worker = try ModelRegistryRolesTests.becomeMember(of: "slam_worker", db)
            let id = try ModelTrainer(settings: TinyModelWorld.settings, logger: TinyModelWorld.quietLogger())
                .train(trainingSet: TinyModelWorld.trainingSetName, connection: db).modelID
            _ = try SpectrumPredictor().predict(modelID: id, obsids: Array(31...40), db: db)
            #expect(ModelRegistryRolesTests.sqlState(db, "SELECT slam_purge_predictions(\(id))") == "42501")
            ModelRegistryRolesTests.leave(worker, db)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction_m\(id)") == 10)

            let operatorRole = try ModelRegistryRolesTests.becomeMember(of: "slam_operator", db)
            defer { ModelRegistryRolesTests.leave(operatorRole, db) }
            do {
                try ModelRegistry().purge(id, db: db)
                Issue.record("purged a ready model's predictions")
            } catch let error as PredictionError {
                guard case .modelNotPurgeable(id, status: "ready") = error else { Issue.record("\(error)"); return }
                #expect(error.description.contains("slam model retire \(id) first"))
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = $1", [id]) == 10)
            try ModelRegistry().retire(id, db: db)
            #expect(try ModelRegistry().purge(id, db: db) == 10)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction WHERE model_id = $1", [id]) == 0)
            #expect(try PredictionPartitionQueries.partitions(db: db).isEmpty)
            #expect(throws: PredictionError.self) { try ModelRegistry().purge(424242, db: db) }
        }
    }
}
