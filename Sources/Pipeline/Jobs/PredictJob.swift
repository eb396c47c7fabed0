import Catalogue
import Foundation
import Queue
import Store

/// Payload of `predict`: one batch of spectra for one model (group ``ModelJobGroup``).
public struct PredictPayload: JobPayload, Equatable {
    public static let kind = "predict"
    public var modelID: Int
    public var obsids: [Int64]
    /// Fit settings (loss, starts, ...); nil for the defaults.
    public var settings: PredictionSettings?
    /// Also store the best-fit model spectra and residuals (`prediction_spectrum`); nil means no.
    public var storeSpectra: Bool?
    public init(modelID: Int, obsids: [Int64], settings: PredictionSettings? = nil, storeSpectra: Bool? = nil) {
        self.modelID = modelID
        self.obsids = obsids
        self.settings = settings
        self.storeSpectra = storeSpectra
    }
    public var groupKey: String? { ModelJobGroup.key(modelID: modelID) }
}

/// Job kind `predict`: fits one batch of spectra with a model; the last batches of a model enqueue (or wake)
/// its error calibration (``CalibrateJob``).
public enum PredictJob {
    /// Prediction jobs for every spectrum (matching `filter`) with a preprocessed spectrum of the model's
    /// grid and no prediction from the model yet, `batchSize` spectra each, fitted with `settings` (nil:
    /// the defaults); the model must be ready. Returns the ids of the jobs that stand for the batches (new,
    /// or a pending one with the batch's unique key) and the number of spectra.
    /// `storeSpectra`: the jobs also store model spectra and residuals (`prediction_spectrum`).
    ///
    /// All batches are enqueued in one transaction by multi-row inserts of `enqueueChunk` jobs
    /// (``JobQueue/enqueue(stream:collectIDs:)``), so listening workers are woken once at commit, and a
    /// failure enqueues nothing: at a million spectra, 2,000 jobs in a few statements instead of 2,000
    /// autocommitted inserts and notifications.
    public static func enqueue(modelID: Int, filter: SpectrumFilter, batchSize: Int = 500, settings: PredictionSettings? = nil,
                               storeSpectra: Bool = false,
                               db: PostgresConnection) throws -> (jobIDs: [Int], spectra: Int) {
        let model = try SpectrumSelection.modelForNewPredictions(modelID, db: db)
        let pending = try SpectrumSelection.unpredicted(modelID: modelID, preprocessingID: model.preprocessingID, matching: filter, db: db)
        var remaining = batches(pending, size: batchSize)[...]
        let result = try JobQueue(db).enqueue(stream: { () -> [JobRequest]? in
            guard !remaining.isEmpty else { return nil }
            let chunk = remaining.prefix(enqueueChunk)
            remaining = remaining.dropFirst(chunk.count)
            return try chunk.map { ids in
                try JobRequest(PredictPayload(modelID: modelID, obsids: ids, settings: settings, storeSpectra: storeSpectra ? true : nil),
                               priority: 3, uniqueKey: uniqueKey(modelID: modelID, obsids: ids), uniqueScope: .active)
            }
        }, collectIDs: true)
        return (result.ids, pending.count)
    }

    /// Jobs per multi-row insert of ``enqueue(modelID:filter:batchSize:settings:storeSpectra:db:)``.
    static let enqueueChunk = 200

    /// `obsids` cut in batches of `size` (at least 1), in order.
    static func batches(_ obsids: [Int64], size: Int) -> [[Int64]] {
        stride(from: 0, to: obsids.count, by: max(1, size)).map { Array(obsids[$0..<min(obsids.count, $0 + max(1, size))]) }
    }

    /// The unique key of a batch: model, first and last obsid, count (a batch planned again while pending is not added twice).
    static func uniqueKey(modelID: Int, obsids: [Int64]) -> String {
        "predict:\(modelID):\(obsids.first ?? 0)-\(obsids.last ?? 0):\(obsids.count)"
    }

    /// Predicts the batch; the calibration that follows it is planned with the job's completion, in one
    /// transaction (a retry predicts nothing twice).
    struct Handler: TypedJobHandler {
        let models: ModelStore

        func run(_ payload: PredictPayload, job: Job, context: JobContext) throws {
            let db = try context.database.connect()
            let summary = try HandlerFailures.permanentUnlessDatabase {
                try SpectrumPredictor(models: models).predict(
                    modelID: payload.modelID, obsids: payload.obsids, db: db, jobID: Int64(job.id),
                    settings: payload.settings ?? PredictionSettings(),
                    storeSpectra: payload.storeSpectra ?? false, fence: context.fence.withoutCompletion)
            }
            context.reportProgress(done: payload.obsids.count, total: payload.obsids.count)
            try db.transaction { db in
                try CalibrateJob.afterPrediction(modelID: payload.modelID, db: db)
                try context.fence.complete(db)
            }
            context.logger.info("model \(payload.modelID): \(summary.written) predictions written, \(summary.failed) failed, \(summary.alreadyPredicted) already there")
        }
    }
}
