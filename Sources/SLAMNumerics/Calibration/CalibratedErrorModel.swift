/// How a model's formal errors become its published errors, per label and S/N_g bin:
/// `calibrated = sqrt((inflation x formal)^2 + floor^2)` (inflation from repeat pairs,
/// `RepeatPairCalibration`; floor from cross-validation, `ErrorFloorEstimator`).
public struct CalibratedErrorModel: Sendable, Equatable {
    /// One S/N bin of one label.
    public struct Bin: Sendable, Equatable {
        /// S/N_g edges, [lower, upper).
        public var snrMin: Double, snrMax: Double
        /// Factor on the formal error, dimensionless (> 0).
        public var inflation: Double
        /// Error floor, label units (>= 0).
        public var floor: Double

        public init(snrMin: Double, snrMax: Double, inflation: Double, floor: Double) {
            self.snrMin = snrMin
            self.snrMax = snrMax
            self.inflation = inflation
            self.floor = floor
        }
    }

    /// Bins per label, in label order (L entries; a label may have no bins).
    public var bins: [[Bin]]
    /// Per label, the bin used for a spectrum without a usable S/N_g (the all-S/N row), if any.
    public var overall: [Bin?]

    public init(bins: [[Bin]], overall: [Bin?]) {
        precondition(bins.count == overall.count, "one entry per label")
        self.bins = bins
        self.overall = overall
    }

    /// Calibrated 1-sigma errors for formal errors `formal` (L entries, label units) at S/N_g `snr`:
    /// nil for a label whose formal error is not finite or that has no bin for this S/N (and no overall).
    public func errors(formal: [Double], snr: Double?) -> [Double?] {
        precondition(formal.count == bins.count, "one formal error per label")
        return formal.indices.map { j -> Double? in
            let e = formal[j]
            guard e.isFinite, e >= 0 else { return nil }
            let bin = snr.flatMap { s in s.isFinite ? bins[j].first { s >= $0.snrMin && s < $0.snrMax } : nil } ?? overall[j]
            guard let bin else { return nil }
            let inflated = bin.inflation * e
            return (inflated * inflated + bin.floor * bin.floor).squareRoot()
        }
    }
}
