import Foundation

/// How well flags tell stars unlike the training set from stars like it, per S/N_g bin, against a truth
/// (the mock survey's): the recall (fraction of truly outside spectra flagged) and the false-flag rate
/// (fraction of truly inside spectra flagged) of the `outside_training_set` decision (bit 12) beside
/// `far_from_training_set` (bit 7) and `poor_fit` (bit 3) alone. Spectra off the training set's support
/// (inside its label ranges but far from every training star) count in neither: their flagged fraction
/// is shown apart.
public struct OutsideFlagRates: Sendable, Equatable {
    /// Where a spectrum's true labels lie with respect to the training set.
    public enum TrueRegion: Sendable, Equatable {
        /// Like the training stars: the false-flag rate is measured on these ("inside").
        case onSupport
        /// Inside the label ranges but far from every training star: shown apart.
        case offSupport
        /// Beyond the label ranges: the recall is measured on these ("outside").
        case outsideRanges
    }

    /// The flags compared, in column order: (name, bit mask).
    public static let decisions: [(name: String, mask: Int)] = [
        ("outside_training_set", 1 << 12), ("far_from_training_set", 1 << 7), ("poor_fit", 1 << 3),
    ]

    /// One S/N_g bin (or all spectra).
    public struct Row: Sendable, Equatable {
        /// Lower S/N_g edge (inclusive).
        public var lowerSNR: Double
        /// Upper S/N_g edge (exclusive), `.infinity` for the open last bin.
        public var upperSNR: Double
        /// Spectra whose true labels lie outside the training set's support.
        public var outside: Int
        /// Spectra whose true labels lie inside it.
        public var inside: Int
        /// Per entry of `decisions`: outside spectra carrying that flag.
        public var flaggedOutside: [Int]
        /// Per entry of `decisions`: inside spectra carrying that flag.
        public var flaggedInside: [Int]
        /// Spectra off the support (inside the ranges, far from every training star).
        public var offSupport = 0
        /// Per entry of `decisions`: off-support spectra carrying that flag.
        public var flaggedOffSupport: [Int] = OutsideFlagRates.decisions.map { _ in 0 }

        /// Recall of decision `d` (NaN without outside spectra).
        public func recall(_ d: Int) -> Double { outside > 0 ? Double(flaggedOutside[d]) / Double(outside) : .nan }
        /// False-flag rate of decision `d` (NaN without inside spectra).
        public func falseFlagRate(_ d: Int) -> Double { inside > 0 ? Double(flaggedInside[d]) / Double(inside) : .nan }
        /// Fraction of off-support spectra carrying decision `d` (NaN without any).
        public func offSupportRate(_ d: Int) -> Double { offSupport > 0 ? Double(flaggedOffSupport[d]) / Double(offSupport) : .nan }
    }

    /// The bins, ascending; empty bins are kept.
    public var bins: [Row]
    /// All spectra with a known S/N_g.
    public var overall: Row

    /// Counts per bin of `edges` (ascending lower edges; the last bin is open) from N spectra: `snr` their
    /// S/N_g (a NaN one counts in `overall` only), `regions` where their true labels lie, `flags` their
    /// prediction flags.
    public init(snr: [Double], regions: [TrueRegion], flags: [Int], edges: [Double]) {
        precondition(snr.count == regions.count && snr.count == flags.count, "one S/N, truth and flags per spectrum")
        func row(_ lo: Double, _ hi: Double, _ members: [Int]) -> Row {
            var r = Row(lowerSNR: lo, upperSNR: hi, outside: 0, inside: 0,
                        flaggedOutside: Self.decisions.map { _ in 0 }, flaggedInside: Self.decisions.map { _ in 0 })
            for i in members {
                let carried = Self.decisions.indices.filter { flags[i] & Self.decisions[$0].mask != 0 }
                switch regions[i] {
                case .outsideRanges: r.outside += 1; for d in carried { r.flaggedOutside[d] += 1 }
                case .onSupport: r.inside += 1; for d in carried { r.flaggedInside[d] += 1 }
                case .offSupport: r.offSupport += 1; for d in carried { r.flaggedOffSupport[d] += 1 }
                }
            }
            return r
        }
        bins = edges.enumerated().map { b, lo in
            let hi = b + 1 < edges.count ? edges[b + 1] : .infinity
            return row(lo, hi, snr.indices.filter { snr[$0] >= lo && snr[$0] < hi })
        }
        overall = row(edges.first ?? 0, .infinity, Array(snr.indices))
    }

    /// Counts with two regions only: `outside` true for spectra beyond the label ranges, false for the others
    /// (all taken as on the support).
    public init(snr: [Double], outside: [Bool], flags: [Int], edges: [Double]) {
        self.init(snr: snr, regions: outside.map { $0 ? .outsideRanges : .onSupport }, flags: flags, edges: edges)
    }

    /// Range text of a row, e.g. `10-20`, `>= 100` or `all`.
    public static func range(_ row: Row, all: Bool = false) -> String {
        all ? "all" : row.upperSNR.isFinite ? String(format: "%.0f-%.0f", row.lowerSNR, row.upperSNR) : String(format: ">= %.0f", row.lowerSNR)
    }

    /// A rate as a percentage with one decimal, `-` for NaN.
    public static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.1f%%", 100 * x) : "-" }

    /// True when some spectrum is off the support (the tables then show them).
    public var hasOffSupport: Bool { overall.offSupport > 0 }

    /// Plain-text table: per bin the counts, then recall and false-flag rate of each decision; with spectra off
    /// the support, their count and the fraction `outside_training_set` flags.
    public var text: String {
        let extra = hasOffSupport ? ["off support", "\(Self.decisions[0].name) flagged"] : []
        var lines = [(["S/N_g", "outside", "inside"] + Self.decisions.flatMap { ["\($0.name) recall", "false"] } + extra)
            .joined(separator: "\t")]
        func line(_ r: Row, all: Bool) -> String {
            ([Self.range(r, all: all), String(r.outside), String(r.inside)]
                + Self.decisions.indices.flatMap { [Self.percent(r.recall($0)), Self.percent(r.falseFlagRate($0))] }
                + (hasOffSupport ? [String(r.offSupport), Self.percent(r.offSupportRate(0))] : [])).joined(separator: "\t")
        }
        for r in bins where r.outside + r.inside + r.offSupport > 0 { lines.append(line(r, all: false)) }
        lines.append(line(overall, all: true))
        return lines.joined(separator: "\n")
    }
}
