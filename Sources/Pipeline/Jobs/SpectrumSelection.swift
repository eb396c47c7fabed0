import Catalogue
import Store

/// The spectra a prediction or posterior enqueue plans work for: preprocessed spectra on a model's grid
/// that match a ``SpectrumFilter``.
///
/// These are the enqueues' two science queries left in Pipeline: they splice the filter's predicate
/// (``SpectrumFilter/sql(firstParameter:)``), and move to the Catalogue's prediction queries with the filter.
public enum SpectrumSelection {
    /// The obsids (ascending) of spectra matching `filter` with a preprocessed spectrum `preprocessingID`
    /// and no prediction from model `modelID` yet.
    static func unpredicted(modelID: Int, preprocessingID: Int, matching filter: SpectrumFilter,
                            db: PostgresConnection) throws -> [Int64] {
        let (predicate, values) = filter.sql(firstParameter: 3)
        return try db.query("""
            SELECT sp.obsid FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
            WHERE sp.preprocessing_id = $1
              AND NOT EXISTS (SELECT 1 FROM prediction pr WHERE pr.model_id = $2 AND pr.obsid = sp.obsid)
              AND \(predicate)
            ORDER BY sp.obsid
            """, [preprocessingID, modelID] + values).rows.map { try $0.decode(Int64.self, at: 0) }
    }

    /// The obsids (ascending) of spectra matching `filter` that have a preprocessed spectrum on model
    /// `modelID`'s grid.
    public static func matching(_ filter: SpectrumFilter, modelID: Int, db: PostgresConnection) throws -> [Int64] {
        guard let model = try ModelStatusQueries.status(modelID: modelID, db: db) else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let (predicate, values) = filter.sql(firstParameter: 2)
        return try db.query("""
            SELECT sp.obsid FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
            WHERE sp.preprocessing_id = $1 AND \(predicate) ORDER BY sp.obsid
            """, [model.preprocessingID] + values).rows.map { try $0.decode(Int64.self, at: 0) }
    }
}
