import Store

/// Named queries of `prediction_flag_delta`, the per-model counts of predictions by flags value that
/// triggers on `prediction` keep (migration 0034) and the view `label_flag_counts` sums.
public enum PredictionFlagCountQueries {
    /// Folds model `modelID`'s rows into one per flags value (dropping values whose predictions are all
    /// gone), in one statement: rows appended meanwhile by other transactions are not among those it
    /// deletes, so no count is lost. Returns the rows the model has afterwards.
    @discardableResult
    public static func compact(modelID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            WITH folded AS (DELETE FROM prediction_flag_delta WHERE model_id = \(modelID) RETURNING flags, n)
            INSERT INTO prediction_flag_delta (model_id, flags, n)
            SELECT \(modelID), flags, sum(n) FROM folded GROUP BY flags HAVING sum(n) <> 0
            """, name: "prediction_flag_delta_compact")
    }

    /// The number of predictions of model `modelID` per flags value, from the kept counts.
    public static func counts(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for row in try db.query("""
            SELECT flags, sum(n)::int8 FROM prediction_flag_delta WHERE model_id = \(modelID)
            GROUP BY flags HAVING sum(n) <> 0
            """, name: "prediction_flag_delta_counts").rows {
            counts[try row.decode(Int.self, at: 0)] = try row.decode(Int.self, at: 1)
        }
        return counts
    }
}
