/// A two-label diagram of a label set's current catalogue binned on the server: counts on an
/// `xBins` x `yBins` grid, unflagged and flagged stars apart, so the dashboard stays the same size at
/// millions of stars.
public struct LabelDensity: Sendable, Equatable {
    /// The binning: labels (columns of `labels_current`), their ranges (label units) and bin counts.
    public struct Binning: Sendable, Equatable {
        public var x: String
        public var y: String
        public var xRange: ClosedRange<Double>
        public var yRange: ClosedRange<Double>
        public var xBins: Int
        public var yBins: Int

        public init(x: String, y: String, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, xBins: Int = 60, yBins: Int = 50) {
            self.x = x
            self.y = y
            self.xRange = xRange
            self.yRange = yRange
            self.xBins = xBins
            self.yBins = yBins
        }

        /// The Kiel diagram: Teff 3,000-8,000 K against log g 0-5.5 dex.
        public static let kiel = Binning(x: "teff", y: "logg", xRange: 3000...8000, yRange: 0...5.5)
        /// [alpha/M] -0.3-0.6 dex against [M/H] -2.5-0.8 dex.
        public static let alphaMetallicity = Binning(x: "m_h", y: "alpha_m", xRange: -2.5...0.8, yRange: -0.3...0.6)
        /// The columns ``SurveySummaryQueries/density(labelSet:binning:db:)`` may bin (published labels).
        public static let labels: Set<String> = ["teff", "logg", "m_h", "feh", "alpha_m", "c_m", "n_m"]
    }

    public var labelSet: String
    public var binning: Binning
    /// Counts per bin, row-major (`y` bin major, `x` bin minor), `xBins * yBins` entries each.
    public var unflagged: [Int]
    public var flagged: [Int]
    /// Stars with both labels but outside the ranges.
    public var outside: Int

    public init(labelSet: String, binning: Binning, unflagged: [Int], flagged: [Int], outside: Int) {
        self.labelSet = labelSet
        self.binning = binning
        self.unflagged = unflagged
        self.flagged = flagged
        self.outside = outside
    }
}
