import Store

/// A model's `outside_training_set` decision (`model_outside_training_set`, flag bit 12).
public enum OutsideTrainingSetQueries {
    /// The stored decision of model `modelID`, nil when it has none yet.
    public static func rule(modelID: Int, db: PostgresConnection) throws(PostgresError) -> OutsideTrainingSetRow? {
        guard let r = try db.query("""
            SELECT \(OutsideTrainingSetRow.columns) FROM model_outside_training_set WHERE model_id = \(modelID)
            """, name: "model_outside_training_set").rows.first else { return nil }
        return try OutsideTrainingSetRow(row: r)
    }

    /// Stores `row` unless the model already has a decision (the first calibration stays: concurrent
    /// prediction batches of one model compute the same rule). Returns whether `row` was inserted.
    @discardableResult
    public static func insertIfAbsent(_ row: OutsideTrainingSetRow, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            INSERT INTO model_outside_training_set (model_id, version, rule, inside_spectra, inside_fits, false_flag_rate,
                                                    target_rate, method, recall, recall_note)
            VALUES (\(row.modelID), \(row.version), \(row.rule), \(row.insideSpectra), \(row.insideFits), \(row.falseFlagRate),
                    \(row.targetRate), \(row.method), \(row.recall), \(row.recallNote))
            ON CONFLICT (model_id) DO NOTHING
            """, name: "insert_model_outside_training_set") == 1
    }

    /// Records the decision's recall measured against a truth (`recall` in [0, 1], `note` saying where and
    /// how "outside" was defined). Returns whether the model had a decision to update.
    @discardableResult
    public static func recordRecall(modelID: Int, recall: Double, note: String, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            UPDATE model_outside_training_set SET recall = \(recall), recall_note = \(note) WHERE model_id = \(modelID)
            """, name: "record_outside_training_set_recall") == 1
    }
}
