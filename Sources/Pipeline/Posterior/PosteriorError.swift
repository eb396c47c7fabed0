import SLAMNumerics
import Store

/// Why a posterior could not be sampled. Nothing is written when one is thrown.
public enum PosteriorError: Error, Sendable, CustomStringConvertible {
    /// No spectrum `obsid` preprocessed on the model's grid (`preprocessingID`).
    case unknownSpectrum(obsid: Int64, modelID: Int, preprocessingID: Int)
    /// The spectrum's fit or sampling failed (e.g. every pixel masked).
    case inference(obsid: Int64, InferenceError)
    /// The model or the settings are unusable.
    case prediction(PredictionError)
    /// The database failed (retried by the queue).
    case database(PostgresError)

    /// A readable reason naming the failing spectrum or model.
    public var description: String {
        switch self {
        case let .unknownSpectrum(obsid, model, pp):
            "spectrum \(obsid) has no preprocessed flux on the grid of model \(model) (preprocessing \(pp)); ingest it first"
        case let .inference(obsid, error): "spectrum \(obsid): \(error)"
        case let .prediction(error): error.description
        case let .database(error): "database: \(error)"
        }
    }
}

extension PosteriorError: PipelineFailure {
    public var databaseError: PostgresError? { if case let .database(error) = self { error } else { nil } }
}
