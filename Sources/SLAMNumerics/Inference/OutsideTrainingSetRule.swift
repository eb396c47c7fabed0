/// The `outside_training_set` decision (issue 20; flag `LabelFitFlags.outsideTrainingSet`, bit 12): a fit
/// is flagged when any of its statistics (`OutsideTrainingSetStatistics`) exceeds that statistic's
/// threshold in the fit's S/N bin.
///
/// The thresholds are calibrated on inside fits only (stars like the training stars; no truth of a
/// survey is needed): in each S/N bin, every statistic's threshold is the same quantile q of its inside
/// distribution, q the smallest one at which at most `targetRate` of the bin's inside fits exceed any
/// threshold (a max-of-ranks rule: score = max_i F_i(s_i) with F_i the inside distribution of statistic i,
/// flagged when score > q). The rule's false-flag rate on its inside fits is thus <= `targetRate` per bin
/// by construction; its recall needs a truth and is measured by the demo.
///
/// A statistic may have a floor below which it never flags, whatever the quantile (`floors`): the
/// catalogue gives `neighbour_distance` the training set's own support threshold (bit 7's: the 99th
/// percentile of the members' leave-one-out distances), since a survey's inside stars are not spread in
/// label space as the training-like calibration stars are, and a quantile of the latter flags stars on
/// the edge of the support that belong to it (docs/method.md).
///
/// Codable as stored with the model (`model_outside_training_set.rule`); the open upper S/N edge is
/// stored as nil, as is a threshold no inside fit could give (that statistic then never flags).
public struct OutsideTrainingSetRule: Sendable, Equatable, Codable {
    /// Version of the statistics' definition and of this rule (bumped when either changes meaning).
    /// 2: the statistics judge a fit against the flux divided by its continuum correction, and the
    /// catalogue floors `neighbour_distance` at the support threshold.
    public static let currentVersion = 2
    /// The statistics used by default (names of `OutsideTrainingSetStatistics.names`): label-space
    /// distance and strongest-line chi-square. The others are computed but not used, as measured on a
    /// mock survey (docs/method.md, Flags): adding the whole-spectrum reduced chi-square raises the
    /// false-flag rate of inside survey spectra from 5% to 15% for one point of recall; inside survey
    /// spectra at low S/N have residual patterns (continuum errors) no calibration copy reproduces; and
    /// the first-guess ratio is no larger for outside stars than for inside ones.
    public static let defaultStatistics = ["neighbour_distance", "line_chi2"]
    /// Default S/N bin edges (per pixel, `OutsideTrainingSetStatistics.snr`); the last bin is open.
    public static let defaultSNREdges: [Double] = [0, 15, 20, 30, 45, 70, 110]
    /// A bin with fewer inside fits than this takes the thresholds of the nearest bin that has enough.
    public static let minimumFitsPerBin = 20

    /// One S/N bin of the rule.
    public struct Bin: Sendable, Equatable, Codable {
        /// Lower S/N edge (inclusive).
        public var snrMin: Double
        /// Upper S/N edge (exclusive); nil for the open last bin.
        public var snrMax: Double?
        /// One threshold per entry of the rule's `statistics`; nil: that statistic never flags here.
        public var thresholds: [Double?]
        /// Inside fits the thresholds were calibrated on (those of another bin when `borrowed`).
        public var insideFits: Int
        /// Fraction of this bin's own inside fits the rule flags (nil when it has none).
        public var falseFlagRate: Double?
        /// The quantile q of the inside distributions used for the thresholds (nil without inside fits).
        public var quantile: Double?
        /// True when the bin had too few inside fits and took a neighbour's thresholds.
        public var borrowed: Bool

        public init(snrMin: Double, snrMax: Double?, thresholds: [Double?], insideFits: Int, falseFlagRate: Double?,
                    quantile: Double?, borrowed: Bool) {
            self.snrMin = snrMin
            self.snrMax = snrMax
            self.thresholds = thresholds
            self.insideFits = insideFits
            self.falseFlagRate = falseFlagRate
            self.quantile = quantile
            self.borrowed = borrowed
        }

        /// Whether S/N `snr` falls in this bin.
        public func contains(_ snr: Double) -> Bool { snr >= snrMin && snr < (snrMax ?? .infinity) }
    }

    /// `currentVersion` when calibrated.
    public var version: Int
    /// The statistics the rule uses, by name, in the order of each bin's thresholds.
    public var statistics: [String]
    /// The aimed false-flag rate of inside fits per bin.
    public var targetRate: Double
    /// The S/N bins, ascending, covering [first edge, infinity).
    public var bins: [Bin]

    public init(version: Int = currentVersion, statistics: [String], targetRate: Double, bins: [Bin]) {
        self.version = version
        self.statistics = statistics
        self.targetRate = targetRate
        self.bins = bins
    }

    /// The bin of S/N `snr`: a bin holding it, the first bin below the first edge, nil for a NaN S/N.
    public func bin(snr: Double) -> Bin? {
        guard snr.isFinite || snr == .infinity else { return nil }
        if let b = bins.first(where: { $0.contains(snr) }) { return b }
        return snr < (bins.first?.snrMin ?? 0) ? bins.first : bins.last
    }

    /// Whether the fit with statistics `s` is flagged `outside_training_set`. A NaN statistic does not
    /// flag; a NaN S/N never flags.
    public func isOutside(_ s: OutsideTrainingSetStatistics) -> Bool {
        guard let bin = bin(snr: s.snr) else { return false }
        for (i, name) in statistics.enumerated() {
            guard let t = bin.thresholds[i], let v = s.value(named: name), v.isFinite else { continue }
            if v > t { return true }
        }
        return false
    }

    /// The inside fits' overall false-flag rate (all bins pooled): flagged / total; NaN without fits.
    public static func falseFlagRate(of rule: OutsideTrainingSetRule, inside: [OutsideTrainingSetStatistics]) -> Double {
        guard !inside.isEmpty else { return .nan }
        return Double(inside.filter(rule.isOutside).count) / Double(inside.count)
    }

    /// Calibrates the rule on `inside` fits (stars like the training stars, at the S/N they are to be
    /// judged at): see the type's description.
    ///
    /// - `snrEdges`: ascending lower edges of the S/N bins (the last bin is open), at least one.
    /// - `targetRate`: the false-flag rate aimed at per bin, in (0, 1).
    /// - `statistics`: names from `OutsideTrainingSetStatistics.names`.
    /// - `floors`: per statistic name, a value below which it never flags (its threshold is the larger of
    ///   the quantile and the floor); the others have none.
    /// Throws `.invalidOption` for a target outside (0, 1), `.invalidBinEdges` for no, non-finite or
    /// unsorted edges, `.invalidArgument` for an unknown statistic name. With no inside fit at all every bin's thresholds are nil
    /// (nothing is flagged).
    public static func calibrate(inside: [OutsideTrainingSetStatistics], snrEdges: [Double] = defaultSNREdges,
                                 targetRate: Double = 0.05, statistics: [String] = defaultStatistics,
                                 floors: [String: Double] = [:],
                                 minimumPerBin: Int = minimumFitsPerBin) throws(InferenceError) -> OutsideTrainingSetRule {
        guard targetRate > 0 && targetRate < 1 else { throw .invalidOption(name: "targetRate", value: targetRate) }
        guard !snrEdges.isEmpty, snrEdges.allSatisfy(\.isFinite),
              zip(snrEdges, snrEdges.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .invalidBinEdges(snrEdges) }
        if let k = statistics.firstIndex(where: { !OutsideTrainingSetStatistics.names.contains($0) }) {
            throw .invalidArgument(name: "statistics[\(k)] (unknown name)", value: k)
        }
        var bins: [Bin] = []
        var members: [[OutsideTrainingSetStatistics]] = []
        for (b, lo) in snrEdges.enumerated() {
            let hi: Double? = b + 1 < snrEdges.count ? snrEdges[b + 1] : nil
            let own = inside.filter { $0.snr >= lo && $0.snr < (hi ?? .infinity) }
            members.append(own)
            let (q, thresholds) = Self.thresholds(own, statistics: statistics, targetRate: targetRate,
                                                  floors: statistics.map { floors[$0] })
            bins.append(Bin(snrMin: lo, snrMax: hi, thresholds: thresholds, insideFits: own.count, falseFlagRate: nil,
                            quantile: q, borrowed: false))
        }
        // Bins with too few fits borrow from the nearest bin with enough (ties: the lower-S/N one, looser).
        let enough = bins.indices.filter { bins[$0].insideFits >= max(1, minimumPerBin) }
        for b in bins.indices where bins[b].insideFits < max(1, minimumPerBin) {
            guard let donor = enough.min(by: { abs($0 - b) < abs($1 - b) || (abs($0 - b) == abs($1 - b) && $0 < $1) }) else {
                bins[b].thresholds = statistics.map { _ in nil }
                continue
            }
            bins[b].thresholds = bins[donor].thresholds
            bins[b].quantile = bins[donor].quantile
            bins[b].insideFits = bins[donor].insideFits
            bins[b].borrowed = true
        }
        var rule = OutsideTrainingSetRule(statistics: statistics, targetRate: targetRate, bins: bins)
        for b in rule.bins.indices {
            let own = members[b]
            rule.bins[b].falseFlagRate = own.isEmpty ? nil : Double(own.filter(rule.isOutside).count) / Double(own.count)
        }
        return rule
    }

    /// The quantile q and thresholds of one bin: the smallest q (bisection to 1e-6) at which at most
    /// `targetRate` of `fits` exceed any threshold, each the larger of the statistic's q-quantile and its
    /// floor (`floors`, in `statistics` order; nil: none).
    static func thresholds(_ fits: [OutsideTrainingSetStatistics], statistics: [String], targetRate: Double,
                           floors: [Double?] = []) -> (Double?, [Double?])
    {
        let columns: [[Double]] = statistics.map { name in
            fits.compactMap { $0.value(named: name) }.filter(\.isFinite).sorted()
        }
        guard !fits.isEmpty else { return (nil, statistics.map { _ in nil }) }
        func at(_ q: Double) -> [Double?] {
            columns.enumerated().map { i, column in
                guard !column.isEmpty else { return nil }
                let value = Self.quantile(sorted: column, q)
                guard i < floors.count, let floor = floors[i], floor.isFinite else { return value }
                return max(value, floor)
            }
        }
        func rate(_ t: [Double?]) -> Double {
            var flagged = 0
            for f in fits where statistics.indices.contains(where: { i in
                guard let ti = t[i], let v = f.value(named: statistics[i]), v.isFinite else { return false }
                return v > ti
            }) { flagged += 1 }
            return Double(flagged) / Double(fits.count)
        }
        var lo = 1 - targetRate, hi = 1.0  // rate(at(1)) = 0: no value exceeds the maximum
        if rate(at(lo)) <= targetRate { hi = lo; lo = 0 } // unusual (ties): search below
        while hi - lo > 1e-6 {
            let mid = 0.5 * (lo + hi)
            if rate(at(mid)) <= targetRate { hi = mid } else { lo = mid }
        }
        return (hi, at(hi))
    }

    /// The q-quantile of ascending `sorted` values by linear interpolation (Hyndman & Fan type 7).
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of no values")
        let h = Double(sorted.count - 1) * min(max(q, 0), 1)
        let i = Int(h.rounded(.down)), f = h - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}
