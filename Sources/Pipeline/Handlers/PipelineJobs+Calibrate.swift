import Foundation
import Queue
import Store

extension PipelineJobs {
    /// The calibration of model `modelID` (at most one pending per model; enqueueing while one is
    /// pending returns it). Many attempts: each wait for prediction jobs uses one.
    @discardableResult
    public static func calibrate(modelID: Int, db: PostgresConnection, delaySeconds: Double = 0) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(kind: JobKind.calibrate, payload: JSONB(encoding: CalibratePayload(modelID: modelID)),
                                            priority: 2, maxAttempts: 30, delaySeconds: delaySeconds,
                                            uniqueKey: "calibrate:\(modelID)", uniqueScope: .active))
    }

    /// Whether a job's error `message` is a planned wait for other jobs (a calibration waiting for its
    /// model's prediction jobs) rather than a failure: such retries are expected, and a CLI following the
    /// job does not give up on them (see `JobWaiter.FailureRule`).
    public static func isWaitingForOtherJobs(_ message: String) -> Bool {
        message.hasPrefix(CalibrateHandler.WaitingForPredictions.prefix)
    }

    /// The id of model `modelID`'s calibrate job waiting or running, if any.
    public static func pendingCalibration(modelID: Int, db: PostgresConnection) throws -> Int? {
        try db.query("""
            SELECT id FROM job WHERE kind = $1 AND unique_key = $2 AND state IN ('available', 'running') ORDER BY id DESC LIMIT 1
            """, [JobKind.calibrate, "calibrate:\(modelID)"]).first?.decode(Int.self, at: 0)
    }

    /// Called by each prediction batch when it is done: enqueues the model's calibration when no other
    /// prediction job of the model waits to be claimed (the last batches; those still running make the
    /// calibration wait). A calibration already enqueued is woken (its next attempt moved to 0.5 s from
    /// now): it may have run while these batches were running and be sitting out an exponential backoff
    /// (minutes after a few attempts), while each of the last batches finishing is the moment to retry.
    static func calibrateAfterPrediction(modelID: Int, db: PostgresConnection) throws {
        let waiting = try db.query("""
            SELECT count(*) FROM job WHERE kind = $1 AND state = 'available' AND (payload->>'modelID')::int = $2
            """, [JobKind.predict, modelID]).first?.decode(Int.self, at: 0) ?? 0
        guard waiting == 0 else { return }
        try calibrate(modelID: modelID, db: db, delaySeconds: 0.5)
        try db.execute("""
            UPDATE job SET run_after = now() + interval '0.5 seconds'
            WHERE kind = $1 AND unique_key = $2 AND state = 'available' AND run_after > now() + interval '0.5 seconds'
            """, [JobKind.calibrate, "calibrate:\(modelID)"])
    }
}
