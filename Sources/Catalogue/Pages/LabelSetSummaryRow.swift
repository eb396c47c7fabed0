import Store

/// One label set's current model and how many spectra it has labelled.
public struct LabelSetSummaryRow: Sendable, Equatable {
    public var labelSet: String
    public var modelID: Int
    public var labelNames: [String]
    /// Spectra with a prediction by the current model, and those with any flag set.
    public var predicted: Int
    public var flagged: Int

    init(row: PostgresRow) throws(PostgresError) {
        labelSet = try row.decode(String.self, "label_set")
        modelID = try row.decode(Int.self, "model_id")
        labelNames = try row.decode([String].self, "label_names")
        predicted = try row.decode(Int.self, "predicted")
        flagged = try row.decode(Int.self, "flagged")
    }
}
