import Store

/// Named queries behind the demo's stage lines: what each stage left in the catalogue.
public enum DemoProgressQueries {
    /// Rows after ingest: LAMOST spectra, preprocessed spectra, APOGEE stars and rejections.
    public static func ingestCounts(db: PostgresConnection) throws(PostgresError)
        -> (spectra: Int, preprocessed: Int, apogeeStars: Int, rejections: Int) {
        guard let r = try db.query("""
            SELECT (SELECT count(*) FROM lamost_spectrum), (SELECT count(*) FROM spectrum_preprocessed),
                   (SELECT count(*) FROM apogee_star), (SELECT count(*) FROM rejection)
            """, name: "demo_ingest_counts").first else { return (0, 0, 0, 0) }
        return (try r.decode(Int.self, at: 0), try r.decode(Int.self, at: 1), try r.decode(Int.self, at: 2), try r.decode(Int.self, at: 3))
    }

    /// The newest crossmatch run: spectra considered, matched and ambiguous; nil when none ran.
    public static func latestCrossmatch(db: PostgresConnection) throws(PostgresError) -> (lamost: Int, matched: Int, ambiguous: Int)? {
        guard let r = try db.query("SELECT n_lamost, n_matched, n_ambiguous FROM crossmatch_run ORDER BY run_id DESC LIMIT 1",
                                   name: "demo_latest_crossmatch_run").first else { return nil }
        return (try r.decode(Int.self, at: 0), try r.decode(Int.self, at: 1), try r.decode(Int.self, at: 2))
    }

    /// Predictions of model `modelID`.
    public static func predictionCount(modelID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("SELECT count(*) FROM prediction WHERE model_id = \(modelID)", name: "demo_prediction_count")
            .first?.decode(Int.self, at: 0) ?? 0
    }

    /// Repeat pairs behind model `modelID`'s error calibration (scope `all`); 0 when it is not calibrated.
    public static func calibrationPairs(modelID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("SELECT n_pairs FROM model_error_inflation WHERE model_id = \(modelID) AND scope = 'all' LIMIT 1",
                     name: "demo_calibration_pairs").first?.decode(Int.self, at: 0) ?? 0
    }
}
