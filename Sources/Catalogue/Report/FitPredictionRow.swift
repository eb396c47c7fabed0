import Store

/// The prediction a fit figure draws, with what its model needs to place it on the grid: one row of
/// `prediction` joined to its `model` and the model's `preprocessing`.
public struct FitPredictionRow: Sendable, Equatable {
    /// The model that made the prediction.
    public var modelID: Int
    /// Predicted labels (K, dex), in `labelNames` order.
    public var labels: [Double]
    /// Formal 1-sigma errors, label units.
    public var formalErrors: [Double]
    /// Calibrated 1-sigma errors, label units (nil where not finite; empty when not calibrated).
    public var calibratedErrors: [Double?]
    /// `prediction.flags`.
    public var flags: Int
    /// The model's label names, L entries.
    public var labelNames: [String]
    /// The model's preprocessing.
    public var preprocessingID: Int
    /// First wavelength of the preprocessing grid, Angstrom.
    public var gridStart: Double
    /// Step of the preprocessing grid, Angstrom.
    public var gridStep: Double
    /// The continuum correction's Legendre coefficients the labels were fitted with; empty for none.
    public var continuumCorrection: [Double] = []
    /// The labels of the fit itself, at which the model spectrum is drawn: `prediction.ml_labels` when the
    /// published labels are another estimate (the posterior mean), else `labels`.
    public var fitLabels: [Double] = []

    /// The select list that `init(row:)` reads (aliases: `pr` prediction, `m` model, `p` preprocessing).
    static let columns: SQL = """
        pr.model_id, pr.labels, pr.formal_errors, pr.calibrated_errors, pr.flags, m.label_names, m.preprocessing_id,
        p.grid_start, p.grid_step, pr.continuum_correction, COALESCE(pr.ml_labels, pr.labels)
        """

    /// Decodes a row selected with ``columns``.
    public init(row: PostgresRow) throws(PostgresError) {
        modelID = try row.decode(Int.self, at: 0)
        labels = try row.decode([Float].self, at: 1).map(Double.init)
        formalErrors = try row.decode([Float].self, at: 2).map(Double.init)
        calibratedErrors = try row.decode([Float]?.self, at: 3)?.map { $0.isFinite ? Double($0) : nil } ?? []
        flags = try row.decode(Int.self, at: 4)
        labelNames = try row.decode([String].self, at: 5)
        preprocessingID = try row.decode(Int.self, at: 6)
        gridStart = try row.decode(Double.self, at: 7)
        gridStep = try row.decode(Double.self, at: 8)
        continuumCorrection = try row.decode([Float]?.self, at: 9)?.map(Double.init) ?? []
        fitLabels = try row.decode([Float].self, at: 10).map(Double.init)
    }
}
