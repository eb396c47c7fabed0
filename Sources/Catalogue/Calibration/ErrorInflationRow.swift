import Store

/// One `model_error_inflation` row: the calibration of one label's errors in one S/N_g bin (`bin`) or over
/// all S/N (`all`).
public struct ErrorInflationRow: Sendable, Codable, Equatable {
    public var label: String
    /// `bin` or `all`.
    public var scope: String
    /// S/N_g edges, [lower, upper) (stored as `real`).
    public var snrMin: Double
    public var snrMax: Double
    /// Repeat pairs in the bin.
    public var pairs: Int
    /// Error-inflation factor, dimensionless.
    public var inflation: Double
    /// Whether `inflation` is the bin's own (else the all-S/N factor).
    public var ownFactor: Bool
    /// Cross-validation predictions in the bin.
    public var validationCount: Int
    /// Error floor, label units.
    public var floor: Double
    /// How the floor was estimated when not as designed (e.g. reference errors unknown for some stars),
    /// else nil.
    public var note: String?

    public init(label: String, scope: String, snrMin: Double, snrMax: Double, pairs: Int, inflation: Double, ownFactor: Bool,
                validationCount: Int, floor: Double, note: String? = nil) {
        self.label = label
        self.scope = scope
        self.snrMin = snrMin
        self.snrMax = snrMax
        self.pairs = pairs
        self.inflation = inflation
        self.ownFactor = ownFactor
        self.validationCount = validationCount
        self.floor = floor
        self.note = note
    }

    /// The select list of ``init(row:)``.
    public static let columns: SQL = """
        label, scope, snr_min::float8 AS snr_min, snr_max::float8 AS snr_max, n_pairs, inflation, inflation_used, n_validation,
        error_floor, note
        """

    public init(row: PostgresRow) throws(PostgresError) {
        label = try row.decode(String.self, "label")
        scope = try row.decode(String.self, "scope")
        snrMin = try row.decode(Double.self, "snr_min")
        snrMax = try row.decode(Double.self, "snr_max")
        pairs = try row.decode(Int.self, "n_pairs")
        inflation = try row.decode(Double.self, "inflation")
        ownFactor = try row.decode(Bool.self, "inflation_used")
        validationCount = try row.decode(Int.self, "n_validation")
        floor = try row.decode(Double.self, "error_floor")
        note = try row.decode(String?.self, "note")
    }
}
