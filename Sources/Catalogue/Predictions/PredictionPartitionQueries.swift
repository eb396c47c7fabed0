import Store

/// Named queries of the partitions of `prediction`, one per model (`prediction_m<model_id>`, migration 0035):
/// made by a trigger when the model row is inserted, dropped with the model's predictions by ``purge(modelID:db:)``.
public enum PredictionPartitionQueries {
    /// One partition: its model, table name and size on disk (heap, TOAST and indexes), bytes.
    public struct Partition: Sendable, Equatable {
        public var modelID: Int
        public var table: String
        public var bytes: Int64
    }

    /// The partitions of `prediction`, by model.
    public static func partitions(db: PostgresConnection) throws(PostgresError) -> [Partition] {
        try db.query("""
            SELECT m.model_id, c.relname::text AS table_name, pg_total_relation_size(c.oid) AS bytes
            FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
            JOIN model m ON c.relname = 'prediction_m' || m.model_id
            WHERE i.inhparent = 'prediction'::regclass
            ORDER BY m.model_id
            """, name: "prediction_partitions").rows.map { row throws(PostgresError) in
            Partition(modelID: try row.decode(Int.self, "model_id"), table: try row.decode(String.self, "table_name"),
                      bytes: try row.decode(Int64.self, "bytes"))
        }
    }

    /// Drops the predictions and fit spectra of model `modelID` (retired or failed: ``ModelUse/purge``) by
    /// detaching and dropping its partition, as the tables' owner (`slam_purge_predictions`); returns how
    /// many predictions it held (0 when it had no partition left). Throws the server's error when the
    /// model does not exist (`no_data_found`), may not be purged (`object_not_in_prerequisite_state`), or a
    /// long query kept `prediction` locked for 10 s (`lock_not_available`).
    public static func purge(modelID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        guard let row = try db.query("SELECT slam_purge_predictions(\(modelID)::integer) AS dropped", name: "prediction_purge").first else {
            throw .protocolViolation("slam_purge_predictions returned no row")
        }
        return try row.decode(Int.self, "dropped")
    }
}
