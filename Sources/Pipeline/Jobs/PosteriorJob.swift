import Catalogue
import Queue
import SLAMNumerics
import Store

/// Payload of `posterior`: one spectrum, one model, the sampler and fit settings (group ``ModelJobGroup``).
public struct PosteriorPayload: JobPayload, Equatable {
    public static let kind = "posterior"
    /// The model (`model.model_id`).
    public var modelID: Int
    /// The spectrum (`lamost_spectrum.obsid`).
    public var obsid: Int64
    /// Walkers, steps, burn-in, seed.
    public var sampler: EnsembleSamplerSettings
    /// Fit settings (loss, starts, ...); nil for the defaults.
    public var fit: PredictionSettings?
    public init(modelID: Int, obsid: Int64, sampler: EnsembleSamplerSettings = .init(), fit: PredictionSettings? = nil) {
        self.modelID = modelID
        self.obsid = obsid
        self.sampler = sampler
        self.fit = fit
    }
    public var groupKey: String? { ModelJobGroup.key(modelID: modelID) }
}

/// Job kind `posterior`: samples the label posterior of one spectrum (``PosteriorRunner``).
public enum PosteriorJob {
    /// Posterior jobs, one per spectrum, for `obsids` with model `modelID` (which must be ready). Enqueueing
    /// the same spectrum, model and seed again while its job is active returns that job.
    public static func enqueue(modelID: Int, obsids: [Int64], sampler: EnsembleSamplerSettings = .init(),
                               fit: PredictionSettings? = nil, db: PostgresConnection) throws -> [EnqueueResult] {
        _ = try SpectrumSelection.modelForNewPredictions(modelID, db: db)
        do { try sampler.validate(dimension: 1) } catch { throw PredictionError.inference(error) }
        let queue = JobQueue(db)
        return try obsids.map { obsid in
            try queue.enqueue(JobRequest(PosteriorPayload(modelID: modelID, obsid: obsid, sampler: sampler, fit: fit), priority: 2,
                                         uniqueKey: uniqueKey(modelID: modelID, obsid: obsid, seed: sampler.seed), uniqueScope: .active))
        }
    }

    /// The unique key of the sampling of spectrum `obsid` with model `modelID` and sampler seed `seed`.
    static func uniqueKey(modelID: Int, obsid: Int64, seed: UInt64) -> String { "posterior:\(modelID):\(obsid):\(seed)" }

    /// Samples the posterior.
    struct Handler: TypedJobHandler {
        let models: ModelStore

        func run(_ payload: PosteriorPayload, job: Job, context: JobContext) throws {
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
}
