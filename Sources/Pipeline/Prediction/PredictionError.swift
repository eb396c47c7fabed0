import SLAMNumerics
import Store

/// Why predictions could not be made. Nothing is written when one is thrown.
public enum PredictionError: Error, Sendable, CustomStringConvertible {
    case unknownModel(String)
    case noCurrentModel(labelSet: String?)
    case modelNotReady(Int, status: String)
    /// Purging the predictions of a model that serves or may serve the catalogue (``ModelUse/purge``).
    case modelNotPurgeable(Int, status: String)
    case corruptModel(Int, reason: String)
    case unsafeFilter(String, reason: String)
    case inference(InferenceError)
    /// Prediction settings that cannot be turned into options (unknown loss or precision name).
    case invalidSettings(String)
    case database(PostgresError)

    public var description: String {
        switch self {
        case let .unknownModel(text): "model \(text) does not exist"
        case let .noCurrentModel(set): "no model is current\(set.map { " for label set \($0)" } ?? "") (promote one with slam model promote)"
        case let .modelNotReady(id, status): "model \(id) is \(status), not ready"
        case let .modelNotPurgeable(id, status):
            "model \(id) is \(status): only the predictions of a retired or failed model can be purged (slam model retire \(id) first)"
        case let .corruptModel(id, reason): "model \(id) cannot be loaded: \(reason)"
        case let .unsafeFilter(text, reason): "filter '\(text)' is not accepted: \(reason)"
        case let .inference(error): "inference: \(error)"
        case let .invalidSettings(reason): "prediction settings: \(reason)"
        case let .database(error): "database: \(error)"
        }
    }
}
