import SLAMNumerics

/// The JSON form of a model's validation (`model.cv_metrics`): precision per S/N bin and label, from
/// K-fold cross-validation of the whole method and, when the set holds members out, from them.
public struct CrossValidationMetrics: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var label: String
        public var count: Int
        public var bias: Double?
        public var scatter: Double?
        public var robustScatter: Double?
        public var errorCalibration: Double?
    }
    public struct Bin: Sendable, Codable, Equatable {
        /// Lower edge; `nil` for the row of all spectra.
        public var snrMin: Double?
        /// Upper edge; `nil` for an open last bin and the row of all spectra.
        public var snrMax: Double?
        public var labels: [Entry]
    }
    public struct Table: Sendable, Codable, Equatable {
        public var bins: [Bin]
        public var overall: Bin

        init(_ stats: PrecisionStatistics, labels names: [String]) {
            func convert(_ b: PrecisionStatistics.Bin) -> Bin {
                func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
                return Bin(snrMin: b.lowerSNR.isFinite ? b.lowerSNR : nil,
                           snrMax: b.upperSNR.isFinite && b.upperSNR < ModelTrainingSettings.openUpperEdge ? b.upperSNR : nil,
                           labels: zip(names, b.labels).map { name, s in
                               Entry(label: name, count: s.count, bias: finite(s.bias), scatter: finite(s.scatter),
                                     robustScatter: finite(s.robustScatter), errorCalibration: finite(s.pullScatter))
                           })
            }
            bins = stats.bins.map(convert)
            overall = convert(stats.overall)
        }
    }

    public var labelNames: [String]
    public var crossValidation: Table
    public var validation: Table?
    public var heldOutCount: Int
}
