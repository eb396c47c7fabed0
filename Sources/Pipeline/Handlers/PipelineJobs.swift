import Foundation
import Numerics
import Queue
import Store

/// Enqueues the pipeline's jobs; the CLI and the scheduler call these. Every enqueue is idempotent
/// where the work is (same files, same batch of spectra): enqueueing again returns the existing job.
public enum PipelineJobs {
    /// Ingest jobs for `paths` (expanded, sorted), `batchSize` files each. `preprocessing`: settings for
    /// these batches instead of the worker's (part of the unique key).
    public static func ingestLamost(paths: [String], batchSize: Int = 200, preprocessing: PreprocessingSettings? = nil,
                                    db: PostgresConnection) throws -> [EnqueueResult] {
        let queue = JobQueue(db)
        let suffix = preprocessing.map { ":pp-" + SHA256Digest.hex(Data($0.version.utf8)).prefix(16) } ?? ""
        return try IngestFileList.batches(paths, size: batchSize).map { batch in
            try queue.enqueue(JobRequest(kind: JobKind.ingestLamost,
                                         payload: JSONB(encoding: IngestLamostPayload(paths: batch.paths, preprocessing: preprocessing)),
                                         priority: 10, uniqueKey: batch.uniqueKey + suffix, uniqueScope: .forever))
        }
    }

    /// The load of one allStar file (unique by path, size and modification time, and release).
    public static func ingestApogee(path: String, release: String, columns: String, db: PostgresConnection) throws -> EnqueueResult {
        let batch = IngestFileList.batches([path], size: 1)[0]
        return try JobQueue(db).enqueue(JobRequest(
            kind: JobKind.ingestApogee, payload: JSONB(encoding: IngestApogeePayload(path: path, release: release, columns: columns)),
            priority: 10, uniqueKey: "ingest_apogee:\(release):" + batch.uniqueKey, uniqueScope: .forever))
    }

    /// A crossmatch run (each call is a new run).
    public static func crossmatch(_ parameters: CrossmatchParameters, db: PostgresConnection) throws -> EnqueueResult {
        try parameters.validate()
        return try JobQueue(db).enqueue(JobRequest(kind: JobKind.crossmatch, payload: JSONB(encoding: parameters), priority: 5))
    }

    /// A training job (one attempt: a crashed training is not silently re-run for hours; retry it with `slam jobs retry`).
    public static func train(trainingSet: String, settings: ModelTrainingSettings, db: PostgresConnection) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(kind: JobKind.train, payload: JSONB(encoding: TrainPayload(trainingSet: trainingSet, settings: settings)),
                                            priority: 1, maxAttempts: 2))
    }

    /// A retraining job (see ``ModelRetrainer``); one attempt plus one retry, like training.
    public static func retrain(_ request: RetrainRequest, db: PostgresConnection) throws -> EnqueueResult {
        try JobQueue(db).enqueue(JobRequest(kind: JobKind.retrain, payload: JSONB(encoding: request), priority: 1, maxAttempts: 2))
    }

    /// Prediction jobs for every spectrum (matching `filter`) with a preprocessed spectrum of the model's
    /// grid and no prediction from the model yet, `batchSize` spectra each, fitted with `settings` (nil:
    /// the defaults). Returns the jobs and the number of spectra.
    /// `storeSpectra`: the jobs also store model spectra and residuals (`prediction_spectrum`).
    public static func predict(modelID: Int, filter: SpectrumFilter, batchSize: Int = 500, settings: PredictionSettings? = nil,
                               storeSpectra: Bool = false,
                               db: PostgresConnection) throws -> (jobs: [EnqueueResult], spectra: Int) {
        guard let row = try db.query("SELECT status, preprocessing_id FROM model WHERE model_id = $1", [modelID]).first else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let status = try row.decode(String.self, at: 0)
        guard status == "ready" else { throw PredictionError.modelNotReady(modelID, status: status) }
        let (predicate, values) = filter.sql(firstParameter: 3)
        let pending = try db.query("""
            SELECT sp.obsid FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
            WHERE sp.preprocessing_id = $1
              AND NOT EXISTS (SELECT 1 FROM prediction pr WHERE pr.model_id = $2 AND pr.obsid = sp.obsid)
              AND \(predicate)
            ORDER BY sp.obsid
            """, [try row.decode(Int.self, at: 1), modelID] + values).rows.map { try $0.decode(Int64.self, at: 0) }
        let queue = JobQueue(db)
        var jobs: [EnqueueResult] = []
        for start in stride(from: 0, to: pending.count, by: max(1, batchSize)) {
            let ids = Array(pending[start..<min(pending.count, start + max(1, batchSize))])
            let key = "predict:\(modelID):\(ids[0])-\(ids[ids.count - 1]):\(ids.count)"
            jobs.append(try queue.enqueue(JobRequest(kind: JobKind.predict, payload: JSONB(encoding: PredictPayload(modelID: modelID, obsids: ids, settings: settings, storeSpectra: storeSpectra ? true : nil)),
                                                     priority: 3, uniqueKey: key, uniqueScope: .active)))
        }
        return (jobs, pending.count)
    }
}
