import Store

/// A model's lifecycle status and the preprocessing its grid comes from: what an enqueue checks before it
/// plans work for the model.
public struct ModelStatusRow: Sendable, Equatable {
    /// `model.status` (`training`, `ready`, `failed`, `retired`, ...).
    public var status: String
    /// `model.preprocessing_id`: the preprocessed spectra the model reads.
    public var preprocessingID: Int

    /// A row.
    public init(status: String, preprocessingID: Int) {
        self.status = status
        self.preprocessingID = preprocessingID
    }

    /// Reads the columns of ``columns``.
    public init(row: PostgresRow) throws(PostgresError) {
        status = try row.decode(String.self, "status")
        preprocessingID = try row.decode(Int.self, "preprocessing_id")
    }

    /// The select list ``init(row:)`` reads.
    public static let columns: SQL = "model.status, model.preprocessing_id"
}
