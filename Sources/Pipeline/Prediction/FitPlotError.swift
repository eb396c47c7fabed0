/// Why a fit could not be shown.
public enum FitPlotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No spectrum with this obsid is ingested.
    case unknownObsid(Int64)
    /// The spectrum has no prediction (from `modelID`, or from any model when nil).
    case noPrediction(obsid: Int64, modelID: Int?)
    /// The spectrum has no preprocessed spectrum on the model's grid (preprocessing `preprocessingID`).
    case noPreprocessedSpectrum(obsid: Int64, preprocessingID: Int)
    /// The stored arrays do not match the model's pixel or label counts.
    case inconsistent(obsid: Int64, modelID: Int, reason: String)

    public var description: String {
        switch self {
        case let .unknownObsid(obsid): "obsid \(obsid) is not ingested (see lamost_spectrum)"
        case let .noPrediction(obsid, modelID?): "obsid \(obsid) has no prediction from model \(modelID) (slam predict --model \(modelID))"
        case let .noPrediction(obsid, nil): "obsid \(obsid) has no prediction from any model (slam predict)"
        case let .noPreprocessedSpectrum(obsid, id): "obsid \(obsid) has no preprocessed spectrum of preprocessing \(id)"
        case let .inconsistent(obsid, modelID, reason): "obsid \(obsid), model \(modelID): \(reason)"
        }
    }
}
