import Store

/// The `training_set` row a builder writes (the cut report follows with ``TrainingSetQueries/setCutReport(setID:report:db:)``).
public struct TrainingSetRecord: Sendable {
    public var name: String
    public var version: Int
    /// Label set of the models trained on it.
    public var labelSet: String
    public var labelNames: [String]
    /// Where the labels come from, in words.
    public var labelSource: String
    public var crossmatchRunID: Int?
    public var preprocessingID: Int
    /// The criteria as recorded.
    public var criteria: JSONB
    public var validationFraction: Double
    public var seed: UInt64
    /// Number of members.
    public var members: Int
    /// The label catalogue version the labels come from, if any.
    public var catalogueID: Int?

    public init(name: String, version: Int, labelSet: String, labelNames: [String], labelSource: String, crossmatchRunID: Int?,
                preprocessingID: Int, criteria: JSONB, validationFraction: Double, seed: UInt64, members: Int, catalogueID: Int?) {
        self.name = name
        self.version = version
        self.labelSet = labelSet
        self.labelNames = labelNames
        self.labelSource = labelSource
        self.crossmatchRunID = crossmatchRunID
        self.preprocessingID = preprocessingID
        self.criteria = criteria
        self.validationFraction = validationFraction
        self.seed = seed
        self.members = members
        self.catalogueID = catalogueID
    }
}
