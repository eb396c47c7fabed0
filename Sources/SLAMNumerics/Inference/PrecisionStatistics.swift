/// Bias and scatter of (predicted - reference) labels per label and per S/N bin, with the calibration of
/// the formal errors: the validation figures of SLAM (Zhang, Liu & Deng 2020, sect. 4; K-fold
/// cross-validation against APOGEE labels, in S/N bins).
public struct PrecisionStatistics: Sendable, Equatable {
    /// Statistics of one label over one set of spectra. Entries with a non-finite prediction or
    /// reference are left out; a statistic with too few entries is NaN.
    public struct LabelSummary: Sendable, Equatable {
        /// Entries used (finite prediction and reference).
        public var count: Int
        /// Mean of (predicted - reference), the label's unit.
        public var bias: Double
        /// Standard deviation of (predicted - reference) (n - 1 denominator); NaN for fewer than 2.
        public var scatter: Double
        /// 1.4826 x median absolute deviation from the median: the scatter, robust to outliers.
        public var robustScatter: Double
        /// Entries with a finite, positive formal error, used for the pull statistics.
        public var pullCount: Int
        /// Mean of (predicted - reference) / formal error: the bias in units of the formal error.
        public var pullBias: Double
        /// Standard deviation of (residual - bias) / formal error: 1 when the formal errors describe the
        /// scatter about the bias, above 1 when they are too small.
        public var pullScatter: Double
        /// 1.4826 x MAD of (residual - median residual) / formal error: the robust counterpart.
        public var pullRobustScatter: Double
    }

    /// One S/N bin: spectra with `lowerSNR <= S/N < upperSNR`.
    public struct Bin: Sendable, Equatable {
        /// Lower S/N edge (inclusive).
        public var lowerSNR: Double
        /// Upper S/N edge (exclusive).
        public var upperSNR: Double
        /// Spectra in the bin.
        public var count: Int
        /// One summary per label, L entries.
        public var labels: [LabelSummary]
    }

    /// The S/N bins, in the order of the edges.
    public var bins: [Bin]
    /// All spectra together, whatever their S/N (bounds -inf ... +inf).
    public var overall: Bin

    /// Computes the statistics.
    ///
    /// - `predicted`, `reference`: M x L row-major, physical units (K, dex).
    /// - `formalErrors`: M x L row-major or `nil` (pull statistics then NaN with `pullCount` 0).
    /// - `snr`: M entries (e.g. S/N_g); a non-finite S/N only enters `overall`.
    /// - `binEdges`: finite and strictly increasing, at least two (e.g. `[10, 20, 50, 100, 1000]`).
    /// Throws `.wrongLength`, `.invalidArgument` (count or labelCount < 0) or `.invalidBinEdges`.
    public init(predicted: [Double], reference: [Double], formalErrors: [Double]? = nil, snr: [Double],
                count m: Int, labelCount l: Int, binEdges: [Double]) throws(InferenceError) {
        guard m >= 0 else { throw .invalidArgument(name: "count", value: m) }
        guard l >= 0 else { throw .invalidArgument(name: "labelCount", value: l) }
        guard predicted.count == m * l else { throw .wrongLength(name: "predicted", expected: m * l, actual: predicted.count) }
        guard reference.count == m * l else { throw .wrongLength(name: "reference", expected: m * l, actual: reference.count) }
        if let formalErrors, formalErrors.count != m * l {
            throw .wrongLength(name: "formalErrors", expected: m * l, actual: formalErrors.count)
        }
        guard snr.count == m else { throw .wrongLength(name: "snr", expected: m, actual: snr.count) }
        guard binEdges.count >= 2, binEdges.allSatisfy(\.isFinite),
              zip(binEdges, binEdges.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .invalidBinEdges(binEdges) }

        func bin(lower: Double, upper: Double, members: [Int]) -> Bin {
            let summaries = (0..<l).map { c -> LabelSummary in
                var residuals: [Double] = [], errors: [Double] = []
                for s in members {
                    let d = predicted[s * l + c] - reference[s * l + c]
                    guard d.isFinite else { continue }
                    residuals.append(d)
                    let e = formalErrors?[s * l + c] ?? .nan
                    errors.append(e.isFinite && e > 0 ? e : .nan)
                }
                let r = Self.moments(residuals)
                let median = residuals.isEmpty ? .nan : Self.median(residuals)
                var pulls: [Double] = [], centred: [Double] = [], robust: [Double] = []
                for (d, e) in zip(residuals, errors) where !e.isNaN {
                    pulls.append(d / e); centred.append((d - r.mean) / e); robust.append((d - median) / e)
                }
                let mad = robust.isEmpty ? Double.nan : 1.4826 * Self.median(robust.map(abs))
                return LabelSummary(count: residuals.count, bias: r.mean, scatter: r.sd, robustScatter: r.robust,
                                    pullCount: pulls.count, pullBias: Self.moments(pulls).mean,
                                    pullScatter: Self.moments(centred).sd, pullRobustScatter: mad)
            }
            return Bin(lowerSNR: lower, upperSNR: upper, count: members.count, labels: summaries)
        }

        bins = zip(binEdges, binEdges.dropFirst()).map { lower, upper in
            bin(lower: lower, upper: upper, members: (0..<m).filter { snr[$0] >= lower && snr[$0] < upper })
        }
        overall = bin(lower: -.infinity, upper: .infinity, members: Array(0..<m))
    }

    /// Statistics of fits against reference labels: `fits` M entries (a failed fit counts as missing),
    /// `reference` M x L row-major physical labels, `snr` M entries.
    public init(fits: [Result<LabelFit, InferenceError>], reference: [Double], snr: [Double], labelCount l: Int,
                binEdges: [Double]) throws(InferenceError) {
        var predicted: [Double] = [], errors: [Double] = []
        for result in fits {
            switch result {
            case .success(let fit) where fit.labelCount == l:
                predicted += fit.labels
                errors += fit.formalErrors
            default:
                predicted += [Double](repeating: .nan, count: l)
                errors += [Double](repeating: .nan, count: l)
            }
        }
        try self.init(predicted: predicted, reference: reference, formalErrors: errors, snr: snr,
                      count: fits.count, labelCount: l, binEdges: binEdges)
    }

    /// Mean, sample standard deviation and 1.4826 x MAD of `values` (NaN where undefined).
    static func moments(_ values: [Double]) -> (mean: Double, sd: Double, robust: Double) {
        guard !values.isEmpty else { return (.nan, .nan, .nan) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sd = values.count > 1
            ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : .nan
        let med = median(values)
        return (mean, sd, 1.4826 * median(values.map { abs($0 - med) }))
    }

    /// Median (mean of the two middle values for an even count); `values` non-empty.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let k = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[k] : 0.5 * (sorted[k - 1] + sorted[k])
    }
}
