import Formats
import Numerics
import Queue
import Store

/// The job kinds of the SLAM pipeline and their payloads.
public enum JobKind {
    public static let ingestLamost = "ingest_lamost"
    public static let ingestApogee = "ingest_apogee"
    public static let ingestCatalogue = "ingest_catalogue"
    public static let crossmatch = "crossmatch"
    public static let train = "train"
    public static let predict = "predict"
    /// Scheduled retraining: rebuild a training set, train, promote by rule, predict (``RetrainRequest``).
    public static let retrain = "retrain"
    /// Posterior sampling of one spectrum's labels (``PosteriorPayload``).
    public static let posterior = "posterior"
    /// Error calibration of a model from repeat observations (``CalibratePayload``); enqueued after
    /// each prediction batch, it waits for the model's other prediction jobs.
    public static let calibrate = "calibrate"

    /// Every pipeline kind, plus the queue's built-in test kinds.
    public static func registry(models: ModelStore = ModelStore(),
                                preprocessing: PreprocessingSettings = .init()) -> JobHandlerRegistry {
        var registry = JobHandlerRegistry.builtin
        registry.register(IngestLamostHandler(settings: preprocessing))
        registry.register(IngestApogeeHandler())
        registry.register(IngestCatalogueHandler())
        registry.register(CrossmatchHandler())
        registry.register(TrainHandler())
        registry.register(PredictHandler(models: models))
        registry.register(RetrainHandler())
        registry.register(PosteriorHandler(models: models))
        registry.register(CalibrateHandler())
        for kind in LabelCatalogueKind.allCases { registry.register(LoadLabelsHandler(catalogueKind: kind)) }
        return registry
    }
}

/// Payload of `ingest_lamost`: absolute paths of a batch of spectrum files.
public struct IngestLamostPayload: Codable, Sendable, Equatable {
    public var paths: [String]
    /// Preprocessing settings for this batch (e.g. another mask policy); nil: the worker's.
    public var preprocessing: PreprocessingSettings?
    public init(paths: [String], preprocessing: PreprocessingSettings? = nil) {
        self.paths = paths
        self.preprocessing = preprocessing
    }
}

/// Payload of `ingest_apogee`.
public struct IngestApogeePayload: Codable, Sendable, Equatable {
    public var path: String
    public var release: String
    /// Column preset: dr12, dr15, dr16 or dr17.
    public var columns: String
    public init(path: String, release: String, columns: String) {
        self.path = path
        self.release = release
        self.columns = columns
    }
}

/// Payload of `ingest_catalogue`: a LAMOST catalogue file (FITS or CSV) and its data release.
public struct IngestCataloguePayload: Codable, Sendable, Equatable {
    public var path: String
    public var release: String
    public init(path: String, release: String) {
        self.path = path
        self.release = release
    }
}

/// Payload of `train`.
public struct TrainPayload: Codable, Sendable, Equatable {
    public var trainingSet: String
    public var settings: ModelTrainingSettings
    public init(trainingSet: String, settings: ModelTrainingSettings) {
        self.trainingSet = trainingSet
        self.settings = settings
    }
}

/// Payload of `predict`: one batch of spectra for one model.
public struct PredictPayload: Codable, Sendable, Equatable {
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
}

extension ApogeeColumnMap {
    /// Column names of a release by preset name (`dr12`, `dr15`, `dr16`, `dr17`), or nil.
    public static func preset(_ name: String) -> ApogeeColumnMap? {
        switch name.lowercased() {
        case "dr12": .dr12
        case "dr14", "dr15": .dr15
        case "dr16": .dr16
        case "dr17": .dr17
        default: nil
        }
    }
}

extension JobKind {
    /// Checks, before a job of `kind` is stored (e.g. by `slam schedule add`), that `payload` decodes as
    /// that kind's payload type, with the decoding its handler does (``Job/decodePayload(_:)``): a payload
    /// that would fail only when the job runs is refused now. A `load_labels_*` payload must also name
    /// the catalogue kind of its job kind. The queue's test kinds (`noop`, `sleep`, `fail`) accept any
    /// JSON object.
    ///
    /// Throws ``JobHandlerError/unknownKind(_:)`` for a kind no worker runs, and
    /// ``JobHandlerError/malformedPayload(kind:reason:)`` naming the field (`missing field "radiusArcsec"`).
    public static func validatePayload(_ payload: JSONB, kind: String) throws(JobHandlerError) {
        func decode<T: Decodable>(_ type: T.Type) throws(JobHandlerError) -> T {
            do {
                return try payload.decode(type)
            } catch {
                throw .malformedPayload(kind: kind, reason: Self.describe(error))
            }
        }
        switch kind {
        case ingestLamost: _ = try decode(IngestLamostPayload.self)
        case ingestApogee: _ = try decode(IngestApogeePayload.self)
        case ingestCatalogue: _ = try decode(IngestCataloguePayload.self)
        case crossmatch: _ = try decode(CrossmatchParameters.self)
        case train: _ = try decode(TrainPayload.self)
        case predict: _ = try decode(PredictPayload.self)
        case retrain: _ = try decode(RetrainRequest.self)
        case posterior: _ = try decode(PosteriorPayload.self)
        case calibrate: _ = try decode(CalibratePayload.self)
        case "noop", "sleep", "fail":
            _ = try decode([String: JSONValueIgnored].self)
        default:
            guard let catalogueKind = LabelCatalogueKind.allCases.first(where: { loadLabels($0) == kind }) else {
                throw .unknownKind(kind)
            }
            let labels = try decode(LoadLabelsPayload.self)
            guard labels.kind == catalogueKind else {
                throw .malformedPayload(kind: kind, reason: "field \"kind\": \"\(labels.kind.rawValue)\" does not match job kind \(kind) (expected \"\(catalogueKind.rawValue)\")")
            }
        }
    }

    /// A decoding error as the field it concerns and what is wrong with it.
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing field \"\(path(context.codingPath + [key]))\""
        case let DecodingError.typeMismatch(type, context):
            return "field \"\(path(context.codingPath))\": expected \(type)"
        case let DecodingError.valueNotFound(type, context):
            return "field \"\(path(context.codingPath))\": null where \(type) is required"
        case let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty:
            return "not a JSON object: \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            return "field \"\(path(context.codingPath))\": \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

/// Any JSON value, not kept (payloads of the queue's test kinds are only required to be objects).
private struct JSONValueIgnored: Decodable {
    init(from decoder: any Decoder) throws {}
}
