import Numerics
import Queue
import Store

/// Samples the label posterior of one spectrum (``PosteriorPayload``).
struct PosteriorHandler: JobHandler {
    let kind = JobKind.posterior
    let models: ModelStore

    func run(_ job: Job, context: JobContext) throws {
        let payload = try job.decodePayload(PosteriorPayload.self)
        let db = try context.database.connect()
        let summary = try HandlerFailures.permanentUnlessDatabase {
            try PosteriorRunner(models: models).run(
                modelID: payload.modelID, obsids: [payload.obsid], sampler: payload.sampler,
                fit: payload.fit ?? PredictionSettings(), db: db, jobID: Int64(job.id), fence: context.fence)
        }
        context.reportProgress(done: 1, total: 1)
        context.logger.info("model \(payload.modelID), spectrum \(payload.obsid): \(summary.written) posterior written, \(summary.alreadySampled) already there")
    }
}

extension PipelineJobs {
    /// Posterior jobs, one per spectrum, for `obsids` with model `modelID` (which must be ready). Enqueueing
    /// the same spectrum, model and seed again while its job is active returns that job.
    public static func posterior(modelID: Int, obsids: [Int64], sampler: EnsembleSamplerSettings = .init(),
                                 fit: PredictionSettings? = nil, db: PostgresConnection) throws -> [EnqueueResult] {
        guard let row = try db.query("SELECT status FROM model WHERE model_id = $1", [modelID]).first else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let status = try row.decode(String.self, at: 0)
        guard status == "ready" else { throw PredictionError.modelNotReady(modelID, status: status) }
        do { try sampler.validate(dimension: 1) } catch { throw PredictionError.inference(error) }
        let queue = JobQueue(db)
        return try obsids.map { obsid in
            try queue.enqueue(JobRequest(
                kind: JobKind.posterior,
                payload: JSONB(encoding: PosteriorPayload(modelID: modelID, obsid: obsid, sampler: sampler, fit: fit)),
                priority: 2, uniqueKey: "posterior:\(modelID):\(obsid):\(sampler.seed)", uniqueScope: .active))
        }
    }

    /// The obsids of spectra matching `filter` that have a preprocessed spectrum on model `modelID`'s grid.
    public static func spectra(matching filter: SpectrumFilter, modelID: Int, db: PostgresConnection) throws -> [Int64] {
        guard let row = try db.query("SELECT preprocessing_id FROM model WHERE model_id = $1", [modelID]).first else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let (predicate, values) = filter.sql(firstParameter: 2)
        return try db.query("""
            SELECT sp.obsid FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
            WHERE sp.preprocessing_id = $1 AND \(predicate) ORDER BY sp.obsid
            """, [try row.decode(Int.self, at: 0)] + values).rows.map { try $0.decode(Int64.self, at: 0) }
    }
}
