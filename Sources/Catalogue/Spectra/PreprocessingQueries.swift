import Store

/// Named queries of `preprocessing` (one row per preprocessing version: its settings and model grid).
public enum PreprocessingQueries {
    /// The id of version `version`, created on first use with `settings` (JSON) and its grid
    /// (`gridStart`, `gridStep`: log10 Å; `pixels`).
    public static func ensure(version: String, settings: JSONB, gridStart: Double, gridStep: Double, pixels: Int,
                              db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            INSERT INTO preprocessing (version, settings, grid_start, grid_step, n_pixels)
            VALUES (\(version), \(settings), \(gridStart), \(gridStep), \(pixels)) ON CONFLICT (version) DO NOTHING
            """, name: "preprocessing_ensure")
        guard let id = try self.id(version: version, db: db) else { throw .noRows(statement: "preprocessing version") }
        return id
    }

    /// The id of version `version`, or nil.
    public static func id(version: String, db: PostgresConnection) throws(PostgresError) -> Int? {
        try db.query("SELECT preprocessing_id FROM preprocessing WHERE version = \(version)", name: "preprocessing_by_version")
            .first?.decode(Int.self, at: 0)
    }

    /// The id of the latest version, or nil when there is none.
    public static func latestID(db: PostgresConnection) throws(PostgresError) -> Int? {
        try db.query("SELECT max(preprocessing_id) FROM preprocessing WHERE preprocessing_id IS NOT NULL HAVING count(*) > 0",
                     name: "preprocessing_latest").first?.decode(Int.self, at: 0)
    }
}
