import Foundation
import Queue
import Store

/// Payload of `calibrate`: the model whose errors to calibrate.
public struct CalibratePayload: Codable, Sendable, Equatable {
    /// The model (model.model_id).
    public var modelID: Int
    public init(modelID: Int) { self.modelID = modelID }
}

/// Calibrates a model's errors (``ErrorCalibrator``) once none of its prediction jobs is pending: while
/// some are, the job fails with a retryable "waiting" error and the queue retries it with backoff (the
/// unique key stays taken meanwhile, so each prediction batch's enqueue adds no duplicate).
struct CalibrateHandler: JobHandler {
    let kind = JobKind.calibrate

    /// Retryable: prediction jobs of the model are still available or running. Its message starts with
    /// ``prefix``, which ``PipelineJobs/isWaitingForOtherJobs(_:)`` recognises: a CLI waiting for the job
    /// does not take these retries for a failure that repeats.
    struct WaitingForPredictions: JobFailure, CustomStringConvertible {
        static let prefix = "waiting for other jobs: "
        var isTransient: Bool { true }
        var modelID: Int
        var pending: Int
        var description: String { Self.prefix + "model \(modelID): \(pending) prediction jobs pending before calibrating" }
    }

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(CalibratePayload.self)
        let db = try context.database.connect()
        let pending = try db.query("""
            SELECT count(*) FROM job WHERE kind = $1 AND state IN ('available', 'running')
              AND (payload->>'modelID')::int = $2
            """, [JobKind.predict, payload.modelID]).first?.decode(Int.self, at: 0) ?? 0
        if pending > 0 { throw WaitingForPredictions(modelID: payload.modelID, pending: pending) }
        let summary: ErrorCalibrationSummary
        do {
            summary = try HandlerFailures.permanentUnlessDatabase {
                try ErrorCalibrator().calibrate(modelID: payload.modelID, db: db, jobID: Int64(job.id), fence: context.fence)
            }
        } catch let error as PostgresError where error.isStoredDataProblem {
            // The stored rows do not read as the calibration expects: the same rows fail the same way
            // on every attempt, so the job stops now with the reason instead of using up its 30 attempts.
            throw JobHandlerError.permanent("model \(payload.modelID): calibration cannot read its stored rows: \(error)")
        }
        context.reportProgress(done: summary.predictionsUpdated, total: summary.predictionsUpdated)
        context.logger.info("model \(payload.modelID) calibrated: \(summary.pairs) repeat pairs, \(summary.predictionsUpdated) predictions updated")
        for row in summary.rows where row.scope == "all" {
            if let note = row.note { context.logger.notice("model \(payload.modelID), \(row.label) floor: \(note)") }
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
