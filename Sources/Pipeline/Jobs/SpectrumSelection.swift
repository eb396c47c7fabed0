import Catalogue
import Store

/// The spectra a prediction or posterior enqueue plans work for: preprocessed spectra on a model's grid
/// that match a ``SpectrumFilter`` (its typed predicate; the queries are the Catalogue's).
public enum SpectrumSelection {
    /// The obsids (ascending) of spectra matching `filter` with a preprocessed spectrum `preprocessingID`
    /// and no prediction from model `modelID` yet.
    static func unpredicted(modelID: Int, preprocessingID: Int, matching filter: SpectrumFilter,
                            db: PostgresConnection) throws -> [Int64] {
        try PredictionQueries.unpredictedSpectra(modelID: modelID, preprocessingID: preprocessingID,
                                                 matching: filter.predicate, db: db)
    }

    /// The obsids (ascending) of spectra matching `filter` that have a preprocessed spectrum on model
    /// `modelID`'s grid.
    public static func matching(_ filter: SpectrumFilter, modelID: Int, db: PostgresConnection) throws -> [Int64] {
        guard let model = try ModelQueries.model(id: modelID, db: db) else {
            throw PredictionError.unknownModel(String(modelID))
        }
        return try PredictionQueries.spectra(preprocessingID: model.preprocessingID, matching: filter.predicate, db: db)
    }

    /// Model `modelID`, which must be usable for new predictions (``ModelUse/newPredictions``).
    static func modelForNewPredictions(_ modelID: Int, db: PostgresConnection) throws -> ModelRow {
        guard let model = try ModelQueries.model(id: modelID, db: db) else {
            throw PredictionError.unknownModel(String(modelID))
        }
        guard ModelUse.newPredictions.allows(model.status) else {
            throw PredictionError.modelNotReady(modelID, status: model.status.rawValue)
        }
        return model
    }
}
