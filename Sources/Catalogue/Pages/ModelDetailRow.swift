import Foundation
import Store

/// One model as its page shows it: the registry row with its settings, metrics and timings (JSON as
/// stored), and its training set.
public struct ModelDetailRow: Sendable, Equatable {
    public var modelID: Int
    public var labelSet: String
    public var status: String
    public var isCurrent: Bool
    public var labelNames: [String]
    /// `model.settings`, `cv_metrics` and `timings` as JSON text (nil while training).
    public var settings: String
    public var crossValidationMetrics: String?
    public var timings: String?
    public var codeVersion: String?
    /// Training spectra and model pixels.
    public var trainCount: Int?
    public var pixels: Int?
    public var blobBytes: Int64?
    public var error: String?
    public var createdAt: Date
    public var finishedAt: Date?
    /// `name@version` of its training set, its id, members and label source.
    public var trainingSet: String
    public var trainingSetID: Int
    public var trainingMembers: Int
    public var labelSource: String

    init(row: PostgresRow) throws(PostgresError) {
        modelID = try row.decode(Int.self, "model_id")
        labelSet = try row.decode(String.self, "label_set")
        status = try row.decode(String.self, "status")
        isCurrent = try row.decode(Bool.self, "is_current")
        labelNames = try row.decode([String].self, "label_names")
        settings = try row.decode(String.self, "settings")
        crossValidationMetrics = try row.decode(String?.self, "cv_metrics")
        timings = try row.decode(String?.self, "timings")
        codeVersion = try row.decode(String?.self, "code_version")
        trainCount = try row.decode(Int?.self, "n_train")
        pixels = try row.decode(Int?.self, "n_pixels")
        blobBytes = try row.decode(Int64?.self, "blob_bytes")
        error = try row.decode(String?.self, "error")
        createdAt = try row.decode(Date.self, "created_at")
        finishedAt = try row.decode(Date?.self, "finished_at")
        trainingSet = try row.decode(String.self, "training_set")
        trainingSetID = try row.decode(Int.self, "training_set_id")
        trainingMembers = try row.decode(Int.self, "n_members")
        labelSource = try row.decode(String.self, "label_source")
    }
}
