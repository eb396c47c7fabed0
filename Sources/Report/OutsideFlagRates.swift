import Foundation

/// How well flags tell stars unlike the training set from stars like it, per S/N_g bin, against a truth
/// (the mock survey's): the recall (fraction of truly outside spectra flagged) and the false-flag rate
/// (fraction of truly inside spectra flagged) of the `outside_training_set` decision (bit 12) beside
/// `far_from_training_set` (bit 7) and `poor_fit` (bit 3) alone.
public struct OutsideFlagRates: Sendable, Equatable {
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

        /// Recall of decision `d` (NaN without outside spectra).
        public func recall(_ d: Int) -> Double { outside > 0 ? Double(flaggedOutside[d]) / Double(outside) : .nan }
        /// False-flag rate of decision `d` (NaN without inside spectra).
        public func falseFlagRate(_ d: Int) -> Double { inside > 0 ? Double(flaggedInside[d]) / Double(inside) : .nan }
    }

    /// The bins, ascending; empty bins are kept.
    public var bins: [Row]
    /// All spectra with a known S/N_g.
    public var overall: Row

    /// Counts per bin of `edges` (ascending lower edges; the last bin is open) from N spectra: `snr` their
    /// S/N_g (a NaN one counts in `overall` only), `outside` whether each is truly outside the training
    /// set's support, `flags` their prediction flags.
    public init(snr: [Double], outside: [Bool], flags: [Int], edges: [Double]) {
        precondition(snr.count == outside.count && snr.count == flags.count, "one S/N, truth and flags per spectrum")
        func row(_ lo: Double, _ hi: Double, _ members: [Int]) -> Row {
            var r = Row(lowerSNR: lo, upperSNR: hi, outside: 0, inside: 0,
                        flaggedOutside: Self.decisions.map { _ in 0 }, flaggedInside: Self.decisions.map { _ in 0 })
            for i in members {
                if outside[i] { r.outside += 1 } else { r.inside += 1 }
                for (d, decision) in Self.decisions.enumerated() where flags[i] & decision.mask != 0 {
                    if outside[i] { r.flaggedOutside[d] += 1 } else { r.flaggedInside[d] += 1 }
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

    /// Range text of a row, e.g. `10-20`, `>= 100` or `all`.
    public static func range(_ row: Row, all: Bool = false) -> String {
        all ? "all" : row.upperSNR.isFinite ? String(format: "%.0f-%.0f", row.lowerSNR, row.upperSNR) : String(format: ">= %.0f", row.lowerSNR)
    }

    /// A rate as a percentage with one decimal, `-` for NaN.
    public static func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.1f%%", 100 * x) : "-" }

    /// Plain-text table: per bin the counts, then recall and false-flag rate of each decision.
    public var text: String {
        var lines = [(["S/N_g", "outside", "inside"] + Self.decisions.flatMap { ["\($0.name) recall", "false"] }).joined(separator: "\t")]
        func line(_ r: Row, all: Bool) -> String {
            ([Self.range(r, all: all), String(r.outside), String(r.inside)]
                + Self.decisions.indices.flatMap { [Self.percent(r.recall($0)), Self.percent(r.falseFlagRate($0))] }).joined(separator: "\t")
        }
        for r in bins where r.outside + r.inside > 0 { lines.append(line(r, all: false)) }
        lines.append(line(overall, all: true))
        return lines.joined(separator: "\n")
    }
}
