/// One repeat pair of one label: the same star observed twice (two obsids) and predicted by one model.
public struct RepeatPair: Sendable, Equatable {
    /// The label from the first and second observation, label units (K, dex).
    public var value1: Double, value2: Double
    /// Their formal 1-sigma errors, label units.
    public var error1: Double, error2: Double
    /// The S/N_g the pair is binned by (the lower of the two observations').
    public var snr: Double

    public init(value1: Double, error1: Double, value2: Double, error2: Double, snr: Double) {
        self.value1 = value1
        self.error1 = error1
        self.value2 = value2
        self.error2 = error2
        self.snr = snr
    }

    /// The pull of the difference, `(value1 - value2) / sqrt(error1^2 + error2^2)`, dimensionless; nil
    /// when a value or error is not finite or the combined error is not positive.
    public var pull: Double? {
        let combined = (error1 * error1 + error2 * error2).squareRoot()
        guard value1.isFinite, value2.isFinite, combined.isFinite, combined > 0 else { return nil }
        return (value1 - value2) / combined
    }
}

/// Error inflation from repeat observations: if the formal errors are honest about the noise, the
/// pulls of the label differences of repeat pairs are standard normal; their robust spread
/// (1.4826 x median absolute deviation, insensitive to the odd catastrophic fit) is the factor by
/// which the formal errors must be multiplied. Pure statistics, no I/O.
public enum RepeatPairCalibration {
    /// A bin with fewer pairs than this takes the all-S/N factor (the MAD of 25 pulls is good to about 20%).
    public static let minimumPairs = 25

    /// The inflation of one S/N bin.
    public struct Bin: Sendable, Equatable {
        /// S/N_g edges, [lower, upper).
        public var snrMin: Double, snrMax: Double
        /// Pairs with a usable pull in the bin.
        public var pairCount: Int
        /// The bin's own factor when it has `minimumPairs` pairs, else the all-S/N factor (dimensionless).
        public var inflation: Double
        /// Whether `inflation` is the bin's own.
        public var ownFactor: Bool
    }

    /// 1.4826 x median |x - median(x)| of the finite values; nil for fewer than 2 of them.
    public static func robustSpread(_ values: [Double]) -> Double? {
        let finite = values.filter(\.isFinite)
        guard finite.count >= 2 else { return nil }
        let m = median(finite)
        return 1.4826 * median(finite.map { abs($0 - m) })
    }

    /// The median of non-empty `values` (mean of the middle two for an even count).
    public static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median of nothing")
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
    }

    /// The inflation factor of `pairs`: robust spread of their pulls; nil with fewer than 2 usable pairs
    /// or a zero spread.
    public static func inflation(_ pairs: [RepeatPair]) -> Double? {
        guard let s = robustSpread(pairs.compactMap(\.pull)), s > 0 else { return nil }
        return s
    }

    /// Factors per S/N bin and over all pairs.
    /// - Parameters:
    ///   - pairs: the pairs of one label.
    ///   - edges: S/N_g bins `[lower, upper)`, e.g. the model's precision bins.
    /// - Returns: the all-S/N factor (nil without usable pairs) and one `Bin` per edge pair; a bin with too
    ///   few pairs takes the all-S/N factor, or 1 when there is none.
    public static func inflation(_ pairs: [RepeatPair], bins edges: [(Double, Double)]) -> (all: Double?, allCount: Int, bins: [Bin]) {
        let usable = pairs.filter { $0.pull != nil }
        let all = inflation(usable)
        let bins = edges.map { lo, hi -> Bin in
            let inBin = usable.filter { $0.snr >= lo && $0.snr < hi }
            if inBin.count >= minimumPairs, let own = inflation(inBin) {
                return Bin(snrMin: lo, snrMax: hi, pairCount: inBin.count, inflation: own, ownFactor: true)
            }
            return Bin(snrMin: lo, snrMax: hi, pairCount: inBin.count, inflation: all ?? 1, ownFactor: false)
        }
        return (all, usable.count, bins)
    }
}
