import Store

/// A training set's identity, labels and the wavelength grid of its preprocessing: what training reads
/// before the members (``TrainingSetMemberQueries``).
public struct TrainingSetGridRow: Sendable, Equatable {
    public var trainingSetID: Int
    public var name: String
    public var version: Int
    public var labelSet: String
    public var labelNames: [String]
    public var preprocessingID: Int
    /// First wavelength and step of the grid, Å; pixel count.
    public var gridStart: Double
    public var gridStep: Double
    public var pixelCount: Int

    /// The select list of ``init(row:)``, on `training_set t JOIN preprocessing p`.
    public static let columns: SQL = """
        t.training_set_id, t.name, t.version, t.label_set, t.label_names, t.preprocessing_id, p.grid_start, p.grid_step, p.n_pixels
        """

    public init(row: PostgresRow) throws(PostgresError) {
        trainingSetID = try row.decode(Int.self, "training_set_id")
        name = try row.decode(String.self, "name")
        version = try row.decode(Int.self, "version")
        labelSet = try row.decode(String.self, "label_set")
        labelNames = try row.decode([String].self, "label_names")
        preprocessingID = try row.decode(Int.self, "preprocessing_id")
        gridStart = try row.decode(Double.self, "grid_start")
        gridStep = try row.decode(Double.self, "grid_step")
        pixelCount = try row.decode(Int.self, "n_pixels")
    }
}

/// Reads a training set for training (read side only; building sets is `TrainingSetQueries`' concern).
public enum TrainingSetDataQueries {
    /// Training set `id` with its grid, or nil.
    public static func trainingSet(id: Int, db: PostgresConnection) throws(PostgresError) -> TrainingSetGridRow? {
        try db.query("""
            SELECT \(TrainingSetGridRow.columns)
            FROM training_set t JOIN preprocessing p USING (preprocessing_id) WHERE t.training_set_id = \(id)
            """, name: "training_set_grid_by_id").first.map { row throws(PostgresError) in try TrainingSetGridRow(row: row) }
    }

    /// Version `version` of training set `name` (nil: its latest version) with its grid, or nil.
    public static func trainingSet(name: String, version: Int?, db: PostgresConnection) throws(PostgresError) -> TrainingSetGridRow? {
        try db.query("""
            SELECT \(TrainingSetGridRow.columns)
            FROM training_set t JOIN preprocessing p USING (preprocessing_id)
            WHERE t.name = \(name) AND (\(version)::int IS NULL OR t.version = \(version)::int)
            ORDER BY t.version DESC LIMIT 1
            """, name: "training_set_grid_by_name").first.map { row throws(PostgresError) in try TrainingSetGridRow(row: row) }
    }
}
