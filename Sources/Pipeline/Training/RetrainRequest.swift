import Store

/// What a scheduled retraining does (the payload of a `retrain` job): rebuild training set `trainingSet`
/// from the latest complete crossmatch with its recorded cuts, train, promote by rule, predict.
///
/// Only `trainingSet` is required: `{"trainingSet":"kgiants"}`.
public struct RetrainRequest: Codable, Sendable, Equatable {
    /// Name of an existing training set (its latest version's criteria are reused).
    public var trainingSet: String
    /// Training settings; `nil` reuses those of the latest ready model trained on a version of the set,
    /// else the defaults (the paper's grid).
    public var settings: ModelTrainingSettings?
    /// Promotion rule: the new model becomes current when its cross-validated scatter is at most this
    /// factor times the current model's on every label (default 1: no worse).
    public var promotionTolerance: Double?
    /// Spectra per prediction job enqueued for a promoted model (default 500).
    public var batchSize: Int?
    /// Rebuild and retrain even when neither the crossmatch nor the preprocessing changed (default false).
    public var force: Bool?

    public init(trainingSet: String, settings: ModelTrainingSettings? = nil, promotionTolerance: Double? = nil,
                batchSize: Int? = nil, force: Bool? = nil) {
        self.trainingSet = trainingSet
        self.settings = settings
        self.promotionTolerance = promotionTolerance
        self.batchSize = batchSize
        self.force = force
    }
}

/// What a retraining did.
public struct RetrainSummary: Sendable, Codable, Equatable {
    /// The training set trained on, `NAME@VERSION`.
    public var trainingSet: String
    /// Whether a new version of the set was built.
    public var rebuilt: Bool
    /// The new model, or `nil` when nothing had changed since the last successful retraining.
    public var modelID: Int?
    public var promoted: Bool
    /// The promotion rule's reasons (per label: new vs current scatter).
    public var reasons: [String: String]
    /// Prediction jobs enqueued for the promoted model, and the spectra in them.
    public var predictionJobs: Int
    public var spectraToPredict: Int

    /// One line for logs.
    public var text: String {
        guard let modelID else { return "\(trainingSet): nothing new since the last retraining" }
        return "\(trainingSet)\(rebuilt ? " (rebuilt)" : ""): model \(modelID) "
            + (promoted ? "promoted; \(spectraToPredict) spectra in \(predictionJobs) prediction jobs" : "not promoted (\(reasons["decision"] ?? "-"))")
    }
}

/// Why a retraining stopped. Nothing is promoted when one is thrown.
public enum RetrainError: Error, Sendable, CustomStringConvertible {
    case unknownTrainingSet(String)
    case invalidRequest(String)
    case trainingSet(TrainingSetError)
    case training(ModelTrainingError)
    case promotion(PredictionError)
    case database(PostgresError)

    public var description: String {
        switch self {
        case let .unknownTrainingSet(name): "retrain: training set '\(name)' does not exist (create it with slam trainingset create)"
        case let .invalidRequest(text): "retrain: \(text)"
        case let .trainingSet(error): "retrain: training set: \(error)"
        case let .training(error): "retrain: \(error)"
        case let .promotion(error): "retrain: promotion: \(error)"
        case let .database(error): "retrain: database: \(error)"
        }
    }
}
