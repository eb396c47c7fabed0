import Store

/// The status check made before enqueueing work for a model (prediction, posterior sampling).
public enum ModelStatusQueries {
    /// The status and preprocessing of model `modelID`, or nil when there is no such model.
    public static func status(modelID: Int, db: PostgresConnection) throws(PostgresError) -> ModelStatusRow? {
        try db.query("SELECT \(ModelStatusRow.columns) FROM model WHERE model_id = \(modelID)", name: "model_status_by_id")
            .first.map { row throws(PostgresError) in try ModelStatusRow(row: row) }
    }
}
