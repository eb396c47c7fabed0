import CatalogueTestSupport
import Foundation
import Pipeline
import Store
import StoreTestSupport
import Testing

/// A training interrupted mid-way leaves a `failed` model (at once, or when its job is retried), never a
/// half-written one, and never changes which model is current.
@Suite("Training faults")
struct TrainFaultTests {
    static func status(_ db: PostgresConnection, job: Int) throws -> [String] {
        try db.query("SELECT status FROM model WHERE train_job_id = $1 ORDER BY model_id", [job]).rows.map { try $0.decode(String.self, at: 0) }
    }

    static func current(_ db: PostgresConnection) throws -> Int? {
        try db.query("SELECT model_id FROM model_current WHERE label_set = $1", [TinyModelWorld.labelSet]).first?.decode(Int.self, at: 0)
    }

    static func sabotage(_ db: PostgresConnection, table: String, _ action: String) throws {
        try db.executeScript("""
            CREATE FUNCTION test_sabotage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(action); RETURN NULL; END $$;
            CREATE TRIGGER test_sabotage AFTER INSERT ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION test_sabotage();
            """, name: "install sabotage")
    }

    static func trainer() -> ModelTrainer { ModelTrainer(settings: TinyModelWorld.settings, logger: TinyModelWorld.quietLogger()) }

    @Test func aRetriedJobFailsTheRowItsEarlierAttemptLeftTraining() async throws {
        try await FreshDatabase.run { db in
            let first = try TinyModelWorld.trainedModel(db)
            try ModelRegistry().promote(first, db: db)
            let (set, pp) = try db.query("SELECT training_set_id, preprocessing_id FROM model WHERE model_id = $1", [first]).first
                .map { (try $0.decode(Int.self, at: 0), try $0.decode(Int.self, at: 1)) }!
            for job: Int64 in [42, 43] {
                try TestRows.model(db, trainingSetID: set, preprocessingID: pp, labelSet: TinyModelWorld.labelSet, trainJobID: job)
            }
            let summary = try Self.trainer().train(trainingSet: TinyModelWorld.trainingSetName, connection: db, jobID: 42)
            #expect(try Self.status(db, job: 42) == ["failed", "ready"])
            #expect(try Self.status(db, job: 43) == ["training"], "another job's row is left alone")
            let error = try db.query("SELECT error FROM model WHERE train_job_id = 42 AND status = 'failed'").first?.decode(String?.self, at: 0)
            #expect(error?.contains("earlier attempt of job 42") == true)
            #expect(try Self.current(db) == first, "training never promotes")
            #expect(summary.modelID != first)
        }
    }

    @Test func aTrainingWhoseFinalWriteFailsIsMarkedFailedWithNothingHalfWritten() async throws {
        try await FreshDatabase.run { db in
            let first = try TinyModelWorld.trainedModel(db)
            try ModelRegistry().promote(first, db: db)
            try Self.sabotage(db, table: "model_precision", "RAISE EXCEPTION 'disk full (test)'")
            #expect(throws: ModelTrainingError.self) {
                try Self.trainer().train(trainingSet: TinyModelWorld.trainingSetName, connection: db, jobID: 9)
            }
            let row = try #require(try db.query("SELECT model_id, status, error FROM model WHERE train_job_id = 9").first)
            let id = try row.decode(Int.self, at: 0)
            #expect(try row.decode(String.self, at: 1) == "failed")
            #expect(try row.decode(String?.self, at: 2)?.contains("disk full") == true)
            for table in ["model_blob_chunk", "model_pixel", "model_precision"] {
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM \(table) WHERE model_id = $1", [id]) == 0, "\(table)")
            }
            #expect(try Self.current(db) == first)
            #expect(throws: PredictionError.self) { try ModelRegistry().promote(id, db: db) }
        }
    }

    @Test func aTrainingKilledMidWayIsFailedWhenItsJobIsRetried() async throws {
        try await TestDatabase.withFresh { database in
            let first = try await database.withConnection { db in
                let first = try TinyModelWorld.trainedModel(db)
                try ModelRegistry().promote(first, db: db)
                // The backend terminates itself while writing the model: the worker process "dies".
                try Self.sabotage(db, table: "model_pixel", "PERFORM pg_terminate_backend(pg_backend_pid())")
                return first
            }
            try await database.withConnection { db in
                _ = #expect(throws: ModelTrainingError.self) {
                    try Self.trainer().train(trainingSet: TinyModelWorld.trainingSetName, connection: db, jobID: 11)
                }
            }
            try await database.withConnection { db in
                #expect(try Self.status(db, job: 11) == ["training"], "nobody was left to mark it")
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model_blob_chunk WHERE model_id <> $1", [first]) == 0)
                #expect(try Self.current(db) == first)
                try db.executeScript("DROP TRIGGER test_sabotage ON model_pixel", name: "remove sabotage")
                _ = try Self.trainer().train(trainingSet: TinyModelWorld.trainingSetName, connection: db, jobID: 11)
                #expect(try Self.status(db, job: 11) == ["failed", "ready"])
                #expect(try Self.current(db) == first)
            }
        }
    }
}
