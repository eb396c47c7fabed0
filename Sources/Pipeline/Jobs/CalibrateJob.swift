import Foundation
import Queue
import Store

/// Payload of `calibrate`: the model whose errors to calibrate (group ``ModelJobGroup``).
public struct CalibratePayload: JobPayload, Equatable {
    public static let kind = "calibrate"
    /// The model (model.model_id).
    public var modelID: Int
    /// Fit the calibration again from every repeat pair now stored (`slam calibrate`), rewriting the
    /// published errors that change. Without it (the calibration enqueued after a prediction run) a model
    /// already calibrated keeps its calibration, and only predictions without calibrated errors get them.
    public var refit: Bool

    public init(modelID: Int, refit: Bool = false) {
        self.modelID = modelID
        self.refit = refit
    }

    public var groupKey: String? { ModelJobGroup.key(modelID: modelID) }

    enum CodingKeys: String, CodingKey { case modelID, refit }

    /// Payloads enqueued before `refit` existed decode as `refit: false`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        modelID = try c.decode(Int.self, forKey: .modelID)
        refit = try c.decodeIfPresent(Bool.self, forKey: .refit) ?? false
    }
}

/// Job kind `calibrate`: error calibration of a model from repeat observations (``ErrorCalibrator``), once
/// none of its prediction jobs is pending; enqueued after each prediction batch.
public enum CalibrateJob {
    /// The calibration of model `modelID` (at most one pending per model; enqueueing while one is
    /// pending returns it). Many attempts: each wait for prediction jobs uses one.
    @discardableResult
    public static func enqueue(modelID: Int, refit: Bool = false, db: PostgresConnection, delaySeconds: Double = 0) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(CalibratePayload(modelID: modelID, refit: refit), priority: 2, maxAttempts: 30, delaySeconds: delaySeconds,
                                            uniqueKey: uniqueKey(modelID: modelID), uniqueScope: .active))
    }

    /// The id of model `modelID`'s calibrate job waiting or running, if any.
    public static func pending(modelID: Int, db: PostgresConnection) throws -> Int? {
        try JobQueue(db).activeJobID(kind: CalibratePayload.kind, uniqueKey: uniqueKey(modelID: modelID))
    }

    /// Whether a job's error `message` is a planned wait for other jobs (a calibration waiting for its
    /// model's prediction jobs) rather than a failure: such retries are expected, and a CLI following the
    /// job does not give up on them (see `JobWaiter.FailureRule`).
    public static func isWaitingForOtherJobs(_ message: String) -> Bool {
        message.hasPrefix(WaitingForPredictions.prefix)
    }

    /// The unique key of model `modelID`'s calibration.
    static func uniqueKey(modelID: Int) -> String { "calibrate:\(modelID)" }

    /// Called by each prediction batch when it is done: enqueues the model's calibration when no other
    /// prediction job of the model waits to be claimed (the last batches; those still running make the
    /// calibration wait). A calibration already enqueued is woken (its next attempt moved to 0.5 s from
    /// now): it may have run while these batches were running and be sitting out an exponential backoff
    /// (minutes after a few attempts), while each of the last batches finishing is the moment to retry.
    static func afterPrediction(modelID: Int, db: PostgresConnection) throws {
        let queue = JobQueue(db)
        let waiting = try queue.pendingCount(kind: PredictPayload.kind, groupKey: ModelJobGroup.key(modelID: modelID), states: [.available])
        guard waiting == 0 else { return }
        try enqueue(modelID: modelID, db: db, delaySeconds: 0.5)
        try queue.wake(kind: CalibratePayload.kind, uniqueKey: uniqueKey(modelID: modelID), withinSeconds: 0.5)
    }

    /// Retryable: prediction jobs of the model are still available or running. Its message starts with
    /// ``prefix``, which ``isWaitingForOtherJobs(_:)`` recognises: a CLI waiting for the job does not take
    /// these retries for a failure that repeats.
    struct WaitingForPredictions: JobFailure, CustomStringConvertible {
        static let prefix = "waiting for other jobs: "
        var isTransient: Bool { true }
        var modelID: Int
        var pending: Int
        var description: String { Self.prefix + "model \(modelID): \(pending) prediction jobs pending before calibrating" }
    }

    /// Calibrates the model once none of its prediction jobs is pending: while some are, the job fails with
    /// ``WaitingForPredictions`` and the queue retries it with backoff (the unique key stays taken meanwhile,
    /// so each prediction batch's enqueue adds no duplicate).
    struct Handler: TypedJobHandler {
        func run(_ payload: CalibratePayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let pending = try JobQueue(db).pendingCount(kind: PredictPayload.kind, groupKey: ModelJobGroup.key(modelID: payload.modelID))
            if pending > 0 { throw WaitingForPredictions(modelID: payload.modelID, pending: pending) }
            let summary: ErrorCalibrationSummary
            do {
                summary = try HandlerFailures.permanentUnlessDatabase {
                    try ErrorCalibrator().calibrate(modelID: payload.modelID, db: db, jobID: Int64(job.id), fence: context.fence,
                                                    keepingStoredCalibration: !payload.refit)
                }
            } catch let error as PostgresError where error.isStoredDataProblem {
                // The stored rows do not read as the calibration expects: the same rows fail the same way
                // on every attempt, so the job stops now with the reason instead of using up its 30 attempts.
                throw JobHandlerError.permanent("model \(payload.modelID): calibration cannot read its stored rows: \(error)")
            }
            context.reportProgress(done: summary.predictionsUpdated, total: summary.predictionsUpdated)
            context.logger.info("model \(payload.modelID) calibrated\(summary.kept ? " (calibration kept)" : ""): \(summary.pairs) repeat pairs, \(summary.predictionsUpdated) predictions updated")
            for row in summary.rows where row.scope == "all" {
                if let note = row.note { context.logger.notice("model \(payload.modelID), \(row.label) floor: \(note)") }
            }
        }
    }
}

extension PostgresError {
    /// A value that does not decode as expected (a NULL element, a type mismatch): a problem of the stored
    /// data, which retrying does not change (unlike a lost connection or a serialisation failure).
    var isStoredDataProblem: Bool {
        switch self {
        case .decoding, .unexpectedNull: true
        default: false
        }
    }
}
