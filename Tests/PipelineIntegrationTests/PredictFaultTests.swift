import Foundation
import Logging
import Queue
import Pipeline
import Store
import StoreTestSupport
import Testing

/// A prediction batch interrupted during its write transaction leaves nothing behind, and the batch
/// completes on retry with the same rows as a clean run.
@Suite("Prediction faults")
struct PredictFaultTests {
    /// Predictions of `model` as comparable text rows (labels, errors, status, flags), by obsid.
    static func rows(_ db: PostgresConnection, model: Int) throws -> [String] {
        try db.query("""
            SELECT obsid, labels, formal_errors, empirical_errors, reduced_chi2, n_pixels, iterations, status, flags
            FROM prediction WHERE model_id = $1 ORDER BY obsid
            """, [model]).rows.map { r in
                "\(try r.decode(Int64.self, at: 0)) \(try r.decode([Float].self, at: 1)) \(try r.decode([Float].self, at: 2)) "
                    + "\(try r.decode([Float]?.self, at: 3) ?? []) \(try r.decode(Float?.self, at: 4) ?? .nan) "
                    + "\(try r.decode(Int.self, at: 5)) \(try r.decode(Int.self, at: 6)) \(try r.decode(String.self, at: 7)) \(try r.decode(Int.self, at: 8))"
            }
    }

    /// Installs a statement trigger on `prediction` that runs `action` (PL/pgSQL) when rows arrive.
    static func sabotage(_ db: PostgresConnection, _ action: String) throws {
        try db.executeScript("""
            CREATE FUNCTION test_sabotage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \(action); RETURN NULL; END $$;
            CREATE TRIGGER test_sabotage AFTER INSERT ON prediction FOR EACH STATEMENT EXECUTE FUNCTION test_sabotage();
            """, name: "install sabotage")
    }

    static func repair(_ db: PostgresConnection) throws {
        try db.executeScript("DROP TRIGGER test_sabotage ON prediction; DROP FUNCTION test_sabotage();", name: "remove sabotage")
    }

    static let batch: [Int64] = Array(25...40)

    @Test func aWriteThatFailsAfterCopyLeavesNoPartialBatch() async throws {
        try await TestDatabase.withFresh { database in
            let (model, clean) = try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                _ = try SpectrumPredictor().predict(modelID: model, obsids: Self.batch, db: db, jobID: 1)
                let clean = try Self.rows(db, model: model)
                try db.execute("DELETE FROM prediction")
                try db.execute("DELETE FROM rejection")
                return (model, clean)
            }
            #expect(clean.count == Self.batch.count)
            try await database.withConnection { db in
                try Self.sabotage(db, "RAISE EXCEPTION 'disk full (test)'")
                #expect(throws: PostgresError.self) {
                    try SpectrumPredictor().predict(modelID: model, obsids: Self.batch, db: db, jobID: 2)
                }
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction") == 0)
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM rejection") == 0)
                try Self.repair(db)
                let summary = try SpectrumPredictor().predict(modelID: model, obsids: Self.batch, db: db, jobID: 3)
                #expect(summary.written + summary.failed == Self.batch.count)
                #expect(try Self.rows(db, model: model) == clean)
            }
        }
    }

    @Test func aWorkerKilledDuringItsWriteTransactionLeavesNoPartialBatch() async throws {
        try await TestDatabase.withFresh { database in
            let (model, clean) = try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                _ = try SpectrumPredictor().predict(modelID: model, obsids: Self.batch, db: db)
                let clean = try Self.rows(db, model: model)
                try db.execute("DELETE FROM prediction")
                // The backend running the write transaction terminates itself once the rows are in.
                try Self.sabotage(db, "PERFORM pg_terminate_backend(pg_backend_pid())")
                return (model, clean)
            }
            let store = ModelStore()
            try await database.withConnection { db in
                do {
                    _ = try SpectrumPredictor(models: store).predict(modelID: model, obsids: Self.batch, db: db, jobID: 7)
                    Issue.record("the killed batch reported success")
                } catch let error as PostgresError {
                    #expect(error.isConnectionProblem || !db.isConnected, "\(error)")
                }
            }
            try await database.withConnection { db in
                #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction") == 0)
                try Self.repair(db)
                // The retry (same worker process, so the model is cached) completes the batch.
                let summary = try SpectrumPredictor(models: store).predict(modelID: model, obsids: Self.batch, db: db, jobID: 7)
                #expect(summary.alreadyPredicted == 0)
                #expect(try Self.rows(db, model: model) == clean)
                // And a second retry is a no-op.
                let again = try SpectrumPredictor(models: store).predict(modelID: model, obsids: Self.batch, db: db, jobID: 7)
                #expect(again.alreadyPredicted == Self.batch.count)
                #expect(again.written == 0)
            }
        }
    }

    @Test func aPredictJobWhoseWorkerIsKilledIsRetriedAndCompletes() async throws {
        try await TestDatabase.withFresh { database in
            let (model, clean, jobs) = try await database.withConnection { db in
                let model = try TinyModelWorld.trainedModel(db)
                // The clean run uses the jobs' batches: labels agree to float rounding only within one batch
                // composition (formal errors differ by ~1e-6 relative between batch sizes).
                for batch in [Array(Int64(1)...20), Array(Int64(21)...40)] {
                    _ = try SpectrumPredictor().predict(modelID: model, obsids: batch, db: db)
                }
                let clean = try Self.rows(db, model: model)
                try db.execute("DELETE FROM prediction")
                try db.execute("DELETE FROM rejection")
                // Only the first write transaction loses its backend (a sequence is not rolled back).
                try db.executeScript("CREATE SEQUENCE test_kills", name: "kill counter")
                try Self.sabotage(db, "IF nextval('test_kills') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF")
                let planned = try PredictJob.enqueue(modelID: model, filter: .all, batchSize: 20, db: db)
                return (model, clean, planned.jobIDs)
            }
            #expect(jobs.count == 2)
            var logger = Logger(label: "test.worker")
            logger.logLevel = .critical
            let worker = Queue.Worker(
                configuration: WorkerConfiguration(kinds: [JobKind.predict], concurrency: 1, pollIntervalSeconds: 0.1,
                                                   retryPolicy: RetryPolicy(baseSeconds: 0.1, jitterFraction: 0),
                                                   untilEmpty: true, untilEmptyHorizonSeconds: 5),
                registry: JobKind.registry(), database: database.factory, logger: logger)
            try await worker.run()
            try await database.withConnection { db in
                let states = try db.query("SELECT state::text, attempt FROM job WHERE id = ANY($1) ORDER BY id", [jobs]).rows
                    .map { "\(try $0.decode(String.self, at: 0)):\(try $0.decode(Int.self, at: 1))" }
                #expect(states.sorted() == ["completed:1", "completed:2"], "\(states)")
                #expect(try Self.rows(db, model: model) == clean)
            }
        }
    }
}
