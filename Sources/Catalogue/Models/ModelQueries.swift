import Foundation
import Store

/// Named queries of the `model` table (the registry rows; coefficients: ``ModelBlobQueries``).
public enum ModelQueries {
    /// Model `id`, or nil.
    public static func model(id: Int, db: PostgresConnection) throws(PostgresError) -> ModelRow? {
        try db.query("SELECT \(ModelRow.columns) FROM model WHERE model_id = \(id)", name: "model_by_id")
            .first.map { row throws(PostgresError) in try ModelRow(row: row) }
    }

    /// Model `id`, locked (`FOR UPDATE`) until the caller's transaction ends, or nil.
    public static func modelLocked(id: Int, db: PostgresConnection) throws(PostgresError) -> ModelRow? {
        try db.query("SELECT \(ModelRow.columns) FROM model WHERE model_id = \(id) FOR UPDATE", name: "model_by_id_for_update")
            .first.map { row throws(PostgresError) in try ModelRow(row: row) }
    }

    /// Whether model `id` exists.
    public static func exists(id: Int, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.query("SELECT 1 FROM model WHERE model_id = \(id)", name: "model_exists").first != nil
    }

    /// What a new model records when its training starts.
    public struct NewModel: Sendable {
        public var labelSet: String
        public var trainingSetID: Int
        public var labelNames: [String]
        public var preprocessingID: Int
        /// The training settings (JSON).
        public var settings: JSONB
        public var codeVersion: String
        public var trainCount: Int
        public var pixelCount: Int
        public var trainJobID: Int64?

        public init(labelSet: String, trainingSetID: Int, labelNames: [String], preprocessingID: Int, settings: JSONB,
                    codeVersion: String, trainCount: Int, pixelCount: Int, trainJobID: Int64?) {
            self.labelSet = labelSet
            self.trainingSetID = trainingSetID
            self.labelNames = labelNames
            self.preprocessingID = preprocessingID
            self.settings = settings
            self.codeVersion = codeVersion
            self.trainCount = trainCount
            self.pixelCount = pixelCount
            self.trainJobID = trainJobID
        }
    }

    /// Inserts `model` as `training`; returns its id.
    public static func insertTraining(_ model: NewModel, db: PostgresConnection) throws(PostgresError) -> Int {
        guard let row = try db.query("""
            INSERT INTO model (label_set, training_set_id, label_names, preprocessing_id, settings, code_version,
                               n_train, n_pixels, train_job_id)
            VALUES (\(model.labelSet), \(model.trainingSetID), \(model.labelNames), \(model.preprocessingID), \(model.settings),
                    \(model.codeVersion), \(model.trainCount), \(model.pixelCount), \(model.trainJobID))
            RETURNING model_id
            """, name: "model_insert_training").first else { throw .noRows(statement: "model_insert_training") }
        return try row.decode(Int.self, at: 0)
    }

    /// The newest model trained by job `jobID` (`model.train_job_id`: the single `train` job, or the planner
    /// of a sharded training), or nil.
    public static func model(trainJobID jobID: Int64, db: PostgresConnection) throws(PostgresError) -> ModelRow? {
        try db.query("""
            SELECT \(ModelRow.columns) FROM model WHERE train_job_id = \(jobID) ORDER BY model_id DESC LIMIT 1
            """, name: "model_by_train_job").first.map { row throws(PostgresError) in try ModelRow(row: row) }
    }

    /// Fails the models job `jobID`'s earlier attempts left `training`; returns how many.
    @discardableResult
    public static func failAbandoned(trainJobID jobID: Int64, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            UPDATE model SET status = \(ModelStatus.failed.rawValue),
                   error = 'an earlier attempt of job ' || \(jobID)::text || ' stopped while training', finished_at = now()
            WHERE train_job_id = \(jobID) AND status = \(ModelStatus.training.rawValue)
            """, name: "model_fail_abandoned")
    }

    /// Marks model `id` `failed` with `error`.
    public static func markFailed(id: Int, error: String, db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            UPDATE model SET status = \(ModelStatus.failed.rawValue), error = \(error), finished_at = now() WHERE model_id = \(id)
            """, name: "model_mark_failed")
    }

    /// Marks model `id` `ready` (only from `training`) with its blob's size and digest, metrics and timings;
    /// returns whether it did.
    @discardableResult
    public static func markReady(id: Int, blobBytes: Int, blobSHA256: String, crossValidationMetrics: JSONB, timings: JSONB,
                                 db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            UPDATE model SET status = \(ModelStatus.ready.rawValue), blob_bytes = \(blobBytes), blob_sha256 = \(blobSHA256),
                   cv_metrics = \(crossValidationMetrics), timings = \(timings), finished_at = now()
            WHERE model_id = \(id) AND status = \(ModelStatus.training.rawValue)
            """, name: "model_mark_ready") == 1
    }

    /// Retires model `id` when its status allows it (``ModelUse/retirement``); returns whether it did.
    public static func retire(id: Int, db: PostgresConnection) throws(PostgresError) -> Bool {
        try db.execute("""
            UPDATE model SET status = \(ModelStatus.retired.rawValue)
            WHERE model_id = \(id) AND \(ModelUse.retirement.condition("status"))
            """, name: "model_retire") == 1
    }

    /// The settings (JSON text) of the latest model trained on any version of training set `name` that counts
    /// as trained (``ModelUse/retraining``), or nil.
    public static func latestSettings(trainingSetName name: String, db: PostgresConnection) throws(PostgresError) -> String? {
        try db.query("""
            SELECT m.settings::text FROM model m JOIN training_set t USING (training_set_id)
            WHERE t.name = \(name) AND \(ModelUse.retraining.condition("m.status")) ORDER BY m.model_id DESC LIMIT 1
            """, name: "model_latest_settings_of_set").first?.decode(String.self, at: 0)
    }
}
