import Store

/// The registry fields of one `model` row (not its settings, metrics or coefficients).
public struct ModelRow: Sendable, Equatable {
    public var modelID: Int
    /// The label set it predicts (`apogee_dr17`, ...).
    public var labelSet: String
    public var trainingSetID: Int
    /// Label names, in the model's order.
    public var labelNames: [String]
    /// The preprocessing (grid) its spectra use.
    public var preprocessingID: Int
    public var status: ModelStatus
    /// Hex SHA-256 of the serialized model, once `ready`.
    public var blobSHA256: String?

    /// The select list of ``init(row:)``, on `model` without an alias.
    public static let columns: SQL = "model_id, label_set, training_set_id, label_names, preprocessing_id, status, blob_sha256"

    public init(row: PostgresRow) throws(PostgresError) {
        modelID = try row.decode(Int.self, "model_id")
        labelSet = try row.decode(String.self, "label_set")
        trainingSetID = try row.decode(Int.self, "training_set_id")
        labelNames = try row.decode([String].self, "label_names")
        preprocessingID = try row.decode(Int.self, "preprocessing_id")
        status = try ModelStatus(text: try row.decode(String.self, "status"))
        blobSHA256 = try row.decode(String?.self, "blob_sha256")
    }
}
