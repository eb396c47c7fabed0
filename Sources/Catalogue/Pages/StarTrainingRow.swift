import Store

/// A training set that holds a spectrum, and the models trained on it.
public struct StarTrainingRow: Sendable, Equatable {
    /// `name@version` of the training set and its label set.
    public var trainingSet: String
    public var labelSet: String
    /// Whether the star was held out for validation (not fitted by the models).
    public var heldOut: Bool
    /// Models trained on the set, by id.
    public var modelIDs: [Int]

    init(row: PostgresRow) throws(PostgresError) {
        trainingSet = try row.decode(String.self, "training_set")
        labelSet = try row.decode(String.self, "label_set")
        heldOut = try row.decode(Bool.self, "held_out")
        modelIDs = try row.decode([Int].self, "model_ids")
    }
}
