import Foundation
import Queue
import Store

/// Payload of `calibrate`: the model whose errors to calibrate.
public struct CalibratePayload: Codable, Sendable, Equatable {
    public var modelID: Int
    public init(modelID: Int) { self.modelID = modelID }
}

/// Calibrates a model's errors (``ErrorCalibrator``) once none of its prediction jobs is pending: while
/// some are, the job fails with a retryable "waiting" error and the queue retries it with backoff (the
/// unique key stays taken meanwhile, so each prediction batch's enqueue adds no duplicate).
struct CalibrateHandler: JobHandler {
    let kind = JobKind.calibrate

    /// Retryable: prediction jobs of the model are still available or running.
    struct WaitingForPredictions: Error, CustomStringConvertible {
        var modelID: Int
        var pending: Int
        var description: String { "model \(modelID): waiting for \(pending) prediction jobs before calibrating" }
    }

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(CalibratePayload.self)
        let db = try context.database.connect()
        let pending = try db.query("""
            SELECT count(*) FROM job WHERE kind = $1 AND state IN ('available', 'running')
              AND (payload->>'modelID')::int = $2
            """, [JobKind.predict, payload.modelID]).first?.decode(Int.self, at: 0) ?? 0
        if pending > 0 { throw WaitingForPredictions(modelID: payload.modelID, pending: pending) }
        let summary = try HandlerFailures.permanentUnlessDatabase {
            try ErrorCalibrator().calibrate(modelID: payload.modelID, db: db, jobID: Int64(job.id))
        }
        context.reportProgress(done: summary.predictionsUpdated, total: summary.predictionsUpdated)
        context.logger.info("model \(payload.modelID) calibrated: \(summary.pairs) repeat pairs, \(summary.predictionsUpdated) predictions updated")
    }
}

extension PipelineJobs {
    /// The calibration of model `modelID` (at most one pending per model; enqueueing while one is
    /// pending returns it). Many attempts: each wait for prediction jobs uses one.
    @discardableResult
    public static func calibrate(modelID: Int, db: PostgresConnection, delaySeconds: Double = 0) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(kind: JobKind.calibrate, payload: JSONB(encoding: CalibratePayload(modelID: modelID)),
                                            priority: 2, maxAttempts: 30, delaySeconds: delaySeconds,
                                            uniqueKey: "calibrate:\(modelID)", uniqueScope: .active))
    }

    /// The id of model `modelID`'s calibrate job waiting or running, if any.
    public static func pendingCalibration(modelID: Int, db: PostgresConnection) throws -> Int? {
        try db.query("""
            SELECT id FROM job WHERE kind = $1 AND unique_key = $2 AND state IN ('available', 'running') ORDER BY id DESC LIMIT 1
            """, [JobKind.calibrate, "calibrate:\(modelID)"]).first?.decode(Int.self, at: 0)
    }

    /// Called by each prediction batch when it is done: enqueues the model's calibration when no other
    /// prediction job of the model waits to be claimed (the last batches; those still running make the
    /// calibration wait).
    static func calibrateAfterPrediction(modelID: Int, db: PostgresConnection) throws {
        let waiting = try db.query("""
            SELECT count(*) FROM job WHERE kind = $1 AND state = 'available' AND (payload->>'modelID')::int = $2
            """, [JobKind.predict, modelID]).first?.decode(Int.self, at: 0) ?? 0
        if waiting == 0 { try calibrate(modelID: modelID, db: db, delaySeconds: 0.5) }
    }
}
