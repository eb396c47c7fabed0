import Store

/// The latest version of a training set drawn from a crossmatch run, with what a scheduled retrain compares.
public struct CrossmatchRetrainStateRow: Sendable {
    public var version: Int
    /// The recorded selection criteria (JSON text).
    public var criteria: String
    public var crossmatchRunID: Int?
    public var preprocessingID: Int
    /// The latest complete crossmatch run and the latest preprocessing, if any.
    public var latestCrossmatchRunID: Int?
    public var latestPreprocessingID: Int?
    /// Whether a model counting as trained (``ModelUse/retraining``) was trained on this version.
    public var trained: Bool
}

/// The latest version of a training set drawn from a label catalogue, with what a scheduled retrain compares.
public struct CatalogueRetrainStateRow: Sendable {
    public var version: Int
    /// The recorded selection criteria (JSON text).
    public var criteria: String
    public var catalogueID: Int?
    public var preprocessingID: Int
    public var latestPreprocessingID: Int?
    /// Whether spectra were ingested after this version was built.
    public var newSpectra: Bool
    /// Whether a model counting as trained (``ModelUse/retraining``) was trained on this version.
    public var trained: Bool
}

/// What scheduled retraining reads to decide whether to rebuild a training set and train again.
public enum RetrainPlanQueries {
    /// The latest version of training set `name`, or nil when there is none.
    public static func crossmatchState(trainingSet name: String, db: PostgresConnection) throws(PostgresError) -> CrossmatchRetrainStateRow? {
        guard let row = try db.query("""
            SELECT t.version, t.criteria::text, t.crossmatch_run_id, t.preprocessing_id,
                   (SELECT max(run_id) FROM crossmatch_run WHERE status = 'complete') AS latest_run,
                   (SELECT max(preprocessing_id) FROM preprocessing) AS latest_preprocessing,
                   EXISTS (SELECT 1 FROM model m WHERE m.training_set_id = t.training_set_id
                                                   AND \(ModelUse.retraining.condition("m.status"))) AS trained
            FROM training_set t WHERE t.name = \(name) ORDER BY t.version DESC LIMIT 1
            """, name: "retrain_crossmatch_state").first else { return nil }
        return CrossmatchRetrainStateRow(
            version: try row.decode(Int.self, at: 0), criteria: try row.decode(String.self, at: 1),
            crossmatchRunID: try row.decode(Int?.self, at: 2), preprocessingID: try row.decode(Int.self, at: 3),
            latestCrossmatchRunID: try row.decode(Int?.self, at: 4), latestPreprocessingID: try row.decode(Int?.self, at: 5),
            trained: try row.decode(Bool.self, at: 6))
    }

    /// The latest version of training set `name` when it was drawn from a label catalogue (no crossmatch
    /// run), else nil.
    public static func catalogueState(trainingSet name: String, db: PostgresConnection) throws(PostgresError) -> CatalogueRetrainStateRow? {
        guard let row = try db.query("""
            SELECT t.version, t.criteria::text, t.catalogue_id, t.preprocessing_id,
                   (SELECT max(preprocessing_id) FROM preprocessing) AS latest_preprocessing,
                   COALESCE((SELECT max(s.ingested_at) FROM lamost_spectrum s) > t.created_at, false) AS new_spectra,
                   EXISTS (SELECT 1 FROM model m WHERE m.training_set_id = t.training_set_id
                                                   AND \(ModelUse.retraining.condition("m.status"))) AS trained
            FROM training_set t WHERE t.name = \(name) AND t.crossmatch_run_id IS NULL
              AND t.version = (SELECT max(version) FROM training_set WHERE name = \(name))
            """, name: "retrain_catalogue_state").first else { return nil }
        return CatalogueRetrainStateRow(
            version: try row.decode(Int.self, at: 0), criteria: try row.decode(String.self, at: 1),
            catalogueID: try row.decode(Int?.self, at: 2), preprocessingID: try row.decode(Int.self, at: 3),
            latestPreprocessingID: try row.decode(Int?.self, at: 4), newSpectra: try row.decode(Bool.self, at: 5),
            trained: try row.decode(Bool.self, at: 6))
    }

    /// The newest version (`catalogue_id`) of label catalogue `name`, or nil.
    public static func newestCatalogue(name: String, db: PostgresConnection) throws(PostgresError) -> Int? {
        try db.query("SELECT max(catalogue_id) FROM label_catalogue WHERE name = \(name)", name: "label_catalogue_newest")
            .first?.decode(Int?.self, at: 0) ?? nil
    }
}
