/// Bias ± scatter (mean and standard deviation) of SLAM − reference per label and S/N_g bin: what one
/// precision table of the demo report shows, from a model's cross-validation or from a comparison with
/// the mock survey's truth.
public struct PrecisionBins: Sendable {
    /// One S/N_g bin (or all spectra).
    public struct Bin: Sendable {
        /// Lower S/N_g edge; not finite for a row of all spectra.
        public var lowerSNR: Double
        /// Upper S/N_g edge; `.infinity` for the open last bin.
        public var upperSNR: Double
        /// Spectra in the bin.
        public var count: Int
        /// Per label, mean of SLAM − reference, label units (nil or not finite: no figure).
        public var bias: [Double?]
        /// Per label, standard deviation of SLAM − reference, label units (nil or not finite: no figure).
        public var scatter: [Double?]

        /// A bin from its edges, count and per-label figures (L entries each).
        public init(lowerSNR: Double, upperSNR: Double, count: Int, bias: [Double?], scatter: [Double?]) {
            self.lowerSNR = lowerSNR
            self.upperSNR = upperSNR
            self.count = count
            self.bias = bias
            self.scatter = scatter
        }
    }

    /// Label names, L entries.
    public var labelNames: [String]
    /// The S/N_g bins in order (empty ones are not shown).
    public var bins: [Bin]
    /// All spectra together; nil: no such row.
    public var overall: Bin?
    /// Spectra compared, for the caption.
    public var count: Int

    /// A table of `labelNames` from its bins.
    public init(labelNames: [String], bins: [Bin], overall: Bin?, count: Int) {
        self.labelNames = labelNames
        self.bins = bins
        self.overall = overall
        self.count = count
    }
}
