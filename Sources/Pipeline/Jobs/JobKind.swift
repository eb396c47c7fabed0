import Catalogue
import Queue
import SLAMNumerics
import Store
import TAP

/// The job kinds of the SLAM pipeline: their names (each is its payload type's ``Queue/JobPayload/kind``;
/// a kind's payload, enqueue function and handler live in its `<Kind>Job.swift`), the worker's registry of
/// their handlers, and the check of a payload before it is stored.
public enum JobKind {
    public static let ingestLamost = IngestLamostPayload.kind
    public static let ingestApogee = IngestApogeePayload.kind
    public static let ingestCatalogue = IngestCataloguePayload.kind
    public static let crossmatch = CrossmatchParameters.kind
    public static let train = TrainPayload.kind
    /// One pixel range of a sharded training (``TrainShardPayload``).
    public static let trainShard = TrainShardPayload.kind
    /// The assembly of a sharded training (``TrainAssemblePayload``).
    public static let trainAssemble = TrainAssemblePayload.kind
    public static let predict = PredictPayload.kind
    /// Scheduled retraining: rebuild a training set, train, promote by rule, predict (``RetrainRequest``).
    public static let retrain = RetrainRequest.kind
    /// Posterior sampling of one spectrum's labels (``PosteriorPayload``).
    public static let posterior = PosteriorPayload.kind
    /// Error calibration of a model from repeat observations (``CalibratePayload``); enqueued after
    /// each prediction batch, it waits for the model's other prediction jobs.
    public static let calibrate = CalibratePayload.kind
    /// An asynchronous TAP query of `/tap/async` (``TAP/TapQueryPayload``).
    public static let tapQuery = TapQueryPayload.kind

    /// Every pipeline kind, plus the queue's built-in test kinds. `tapDatabaseURL` is the login role
    /// asynchronous TAP queries run as (nil: `SLAM_TAP_DATABASE_URL`, else `slam_tap_login`).
    public static func registry(models: ModelStore = ModelStore(), preprocessing: PreprocessingSettings = .init(),
                                tapDatabaseURL: String? = nil) -> JobHandlerRegistry {
        var registry = JobHandlerRegistry.builtin
        registry.register(IngestLamostJob.Handler(settings: preprocessing))
        registry.register(IngestApogeeJob.Handler())
        registry.register(IngestCatalogueJob.Handler())
        registry.register(CrossmatchJob.Handler())
        registry.register(TrainJob.Handler())
        registry.register(TrainShardJob.Handler())
        registry.register(TrainAssembleJob.Handler())
        registry.register(PredictJob.Handler(models: models))
        registry.register(RetrainJob.Handler())
        registry.register(PosteriorJob.Handler(models: models))
        registry.register(CalibrateJob.Handler())
        registry.register(TapQueryJob.Handler(queryDatabaseURL: tapDatabaseURL))
        for kind in LabelCatalogueKind.allCases { registry.register(LoadLabelsJob.Handler(catalogueKind: kind)) }
        return registry
    }

    /// Checks, before a job of `kind` is stored (e.g. by `slam schedule add`), that `payload` decodes as
    /// that kind's payload type and passes its handler's checks, as it would when the job runs: a payload
    /// that would fail only then is refused now. A `load_labels_*` payload must also name the catalogue
    /// kind of its job kind. The queue's test kinds (`noop`, `sleep`, `fail`) accept any JSON object.
    ///
    /// Throws ``Queue/JobHandlerError/unknownKind(_:)`` for a kind no worker runs, and
    /// ``Queue/JobHandlerError/malformedPayload(kind:reason:)`` naming the field (`missing field "radiusArcsec"`).
    public static func validatePayload(_ payload: JSONB, kind: String) throws(JobHandlerError) {
        try registry().validatePayload(payload, kind: kind)
    }
}
