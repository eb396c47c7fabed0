import Store

/// The `prediction_settings` rows: each distinct fit setting once, referenced by its predictions.
public enum PredictionSettingsQueries {
    /// The id of the row holding `settings` (JSON), inserted when new; nil only if the row vanished between
    /// the insert and the read.
    public static func settingsID(_ settings: JSONB, db: PostgresConnection) throws(PostgresError) -> Int? {
        if let row = try db.query("""
            INSERT INTO prediction_settings (settings) VALUES (\(settings)) ON CONFLICT (settings) DO NOTHING RETURNING settings_id
            """, name: "prediction_settings_insert").first { return try row.decode(Int.self, at: 0) }
        return try db.query("SELECT settings_id FROM prediction_settings WHERE settings = \(settings)",
                            name: "prediction_settings_id").first?.decode(Int.self, at: 0)
    }
}
