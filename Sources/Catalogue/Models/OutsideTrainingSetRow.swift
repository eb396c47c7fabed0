import Store

/// A model's `outside_training_set` decision as stored (`model_outside_training_set`).
public struct OutsideTrainingSetRow: Sendable, Equatable {
    /// The model (model.model_id).
    public var modelID: Int
    /// Version of the statistics and rule (SLAMNumerics `OutsideTrainingSetRule.currentVersion` when written).
    public var version: Int
    /// The rule as JSON (SLAMNumerics `OutsideTrainingSetRule`, decoded by Pipeline).
    public var rule: JSONB
    /// Distinct member spectra the inside fits came from.
    public var insideSpectra: Int
    /// Inside fits the thresholds were calibrated on.
    public var insideFits: Int
    /// Fraction of the inside fits flagged, all S/N bins pooled; nil when there were none.
    public var falseFlagRate: Double?
    /// The false-flag rate aimed at per S/N bin.
    public var targetRate: Double
    /// How the inside fits were made.
    public var method: String
    /// Fraction of truly outside spectra flagged, where a truth is known (the demo); nil otherwise.
    public var recall: Double?
    /// Where and how the recall was measured.
    public var recallNote: String?

    public init(modelID: Int, version: Int, rule: JSONB, insideSpectra: Int, insideFits: Int, falseFlagRate: Double?,
                targetRate: Double, method: String, recall: Double? = nil, recallNote: String? = nil) {
        self.modelID = modelID
        self.version = version
        self.rule = rule
        self.insideSpectra = insideSpectra
        self.insideFits = insideFits
        self.falseFlagRate = falseFlagRate
        self.targetRate = targetRate
        self.method = method
        self.recall = recall
        self.recallNote = recallNote
    }

    /// The columns `init(row:)` decodes, in order.
    static let columns: SQL = """
        model_id, version, rule, inside_spectra, inside_fits, false_flag_rate::float8, target_rate::float8, method,
        recall::float8, recall_note
        """

    /// Decodes the ``columns``.
    init(row: PostgresRow) throws(PostgresError) {
        modelID = try row.decode(Int.self, at: 0)
        version = try row.decode(Int.self, at: 1)
        rule = try row.decode(JSONB.self, at: 2)
        insideSpectra = try row.decode(Int.self, at: 3)
        insideFits = try row.decode(Int.self, at: 4)
        falseFlagRate = try row.decode(Double?.self, at: 5)
        targetRate = try row.decode(Double.self, at: 6)
        method = try row.decode(String.self, at: 7)
        recall = try row.decode(Double?.self, at: 8)
        recallNote = try row.decode(String?.self, at: 9)
    }
}
