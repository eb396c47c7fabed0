import Foundation
@testable import Pipeline
import Queue
import Store
import Testing

/// The calibration a prediction run enqueues waits for its batches by failing with backoff; the last
/// batches to finish wake it, so it does not sit out minutes of backoff after the predictions are done.
@Suite("Calibration: woken by the last prediction batches, planned on fresh statistics", .serialized)
struct CalibrationWakeTests {
    static func secondsUntilCalibration(_ db: PostgresConnection, model: Int) throws -> Double {
        try #require(try db.query("""
            SELECT extract(epoch FROM run_after - now())::float8 FROM job WHERE kind = $1 AND unique_key = $2 AND state = 'available'
            """, [JobKind.calibrate, "calibrate:\(model)"]).first).decode(Double.self, at: 0)
    }

    @Test func aCalibrationInBackoffIsWokenWhenNoBatchWaits() async throws {
        try await FreshDatabase.run { db in
            try CalibrateJob.enqueue(modelID: 5, db: db)
            try db.execute("UPDATE job SET run_after = now() + interval '1 hour', attempt = 6 WHERE kind = $1", [JobKind.calibrate])
            // A batch of model 5 still waiting to be claimed: the calibration stays where its backoff put it.
            let batch = try JobQueue(db).enqueue(JobRequest(PredictPayload(modelID: 5, obsids: [1])))
            try CalibrateJob.afterPrediction(modelID: 5, db: db)
            #expect(try Self.secondsUntilCalibration(db, model: 5) > 3000)
            // That batch claimed and finished: the calibration is due within a second, and still the only one.
            try db.execute("UPDATE job SET state = 'completed', finished_at = now() WHERE id = $1", [batch.id])
            try CalibrateJob.afterPrediction(modelID: 5, db: db)
            #expect(try Self.secondsUntilCalibration(db, model: 5) <= 1)
            let calibrations = try db.query("SELECT count(*) FROM job WHERE kind = $1", [JobKind.calibrate]).first?.decode(Int.self, at: 0)
            #expect(calibrations == 1)
        }
    }

    /// The calibration analyses the tables it joins (their rows are usually minutes old, unseen by
    /// autovacuum): `last_analyze` is set only by an explicit ANALYZE, never by autovacuum.
    @Test func calibratingAnalysesThePredictionsFirst() async throws {
        try await FreshDatabase.run { db in
            let model = try TinyModelWorld.trainedModel(db)
            _ = try SpectrumPredictor().predict(modelID: model, obsids: Array(31...36), db: db)
            _ = try ErrorCalibrator().calibrate(modelID: model, db: db)
            let analysed = try db.query("""
                SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('prediction', 'lamost_spectrum') AND last_analyze IS NOT NULL
                """).first?.decode(Int.self, at: 0)
            #expect(analysed == 2)
        }
    }
}
