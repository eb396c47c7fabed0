/// Bias and scatter of the whole-method cross-validation (SLAM − reference) in bins of reference [M/H],
/// for a model trained with equal star weights and one trained with inverse-density weights
/// (`TrainingDensityWeights`), so that the metal-poor and metal-rich tails, which the paper names as a
/// source of bias, can be compared with and without balancing.
public struct DemoBalance: Sendable {
    /// One [M/H] bin: its edges (dex), and per label (bias, scatter) for each model, label units.
    public struct Row: Sendable {
        /// Lower edge of reference [M/H], dex (-infinity: open).
        public var lower: Double
        /// Upper edge of reference [M/H], dex (+infinity: open).
        public var upper: Double
        /// Members in the bin.
        public var count: Int
        /// Per label, (bias, scatter) of the equal-weights model, label units.
        public var plain: [(bias: Double, scatter: Double)]
        /// Per label, (bias, scatter) of the inverse-density-weights model, label units.
        public var weighted: [(bias: Double, scatter: Double)]

        /// A bin from its edges, count and figures (L entries each).
        public init(lower: Double, upper: Double, count: Int, plain: [(bias: Double, scatter: Double)],
                    weighted: [(bias: Double, scatter: Double)]) {
            self.lower = lower
            self.upper = upper
            self.count = count
            self.plain = plain
            self.weighted = weighted
        }
    }

    /// Label names, L entries.
    public var labelNames: [String]
    /// The model trained with equal star weights (the one promoted).
    public var plainModelID: Int
    /// The model trained with inverse-density star weights.
    public var weightedModelID: Int
    /// One row per [M/H] bin of ``edges``.
    public var rows: [Row]

    /// A comparison from its parts.
    public init(labelNames: [String], plainModelID: Int, weightedModelID: Int, rows: [Row]) {
        self.labelNames = labelNames
        self.plainModelID = plainModelID
        self.weightedModelID = weightedModelID
        self.rows = rows
    }

    /// Edges of the reference-[M/H] bins, dex (the outer ones open).
    public static let edges = [-Double.infinity, -1.0, -0.5, 0.0, 0.3, Double.infinity]
}
