import Foundation

/// The published labels beside the maximum-likelihood fit and the first guess against the mock survey's
/// truth, per S/N_g bin and label: median(estimate - truth) and robust scatter (1.4826 x MAD about the
/// median), so that the low-S/N bias and whether refinement beats the nearest template can be read in
/// each bin (docs/method.md, "Low S/N"). The published labels are the posterior mean under the training
/// set's label density or the maximum-likelihood fit itself (then the two rows are one); both come from
/// the fit with the continuum correction; the plain fit without it is not stored, so it has no row here
/// (`slam-bench bias` compares the two).
public struct EstimatorComparison: Sendable, Equatable {
    /// Median and robust scatter of one estimator for one label in one bin (NaN: no figure).
    public struct Cell: Sendable, Equatable {
        public var median: Double
        public var robustScatter: Double
    }

    /// One S/N_g bin.
    public struct Row: Sendable, Equatable {
        public var lowerSNR: Double
        public var upperSNR: Double
        public var count: Int
        /// Per label: the published labels, the maximum-likelihood fit and the first guess.
        public var published: [Cell]
        public var maximumLikelihood: [Cell]
        public var firstGuess: [Cell]

        /// The estimators a table shows, in order: (name, cells).
        func estimators(showingMaximumLikelihood: Bool) -> [(String, [Cell])] {
            showingMaximumLikelihood
                ? [("published", published), ("ML fit", maximumLikelihood), ("first guess", firstGuess)]
                : [("published", published), ("first guess", firstGuess)]
        }
    }

    public var labelNames: [String]
    /// Whether the published labels are another estimate than the maximum-likelihood fit (the tables then
    /// show the fit on its own line).
    public var showsMaximumLikelihood: Bool
    /// Non-empty bins in S/N order.
    public var rows: [Row]
    /// The training set's reference labels against the truth (nil: not computed): see ``ReferenceOffset``.
    public var referenceOffset: ReferenceOffset? = nil

    /// The table from `published`, `maximumLikelihood` and `firstGuess` (M x L row-major, physical units;
    /// NaN where a value is unknown, e.g. a first guess stored before migration 0026; `maximumLikelihood`
    /// nil when the published labels are the fit itself), `truth` (M x L), `snr` (M) and bin edges
    /// (ascending; the last edge closes the last bin, exclusive).
    public init(labelNames: [String], published: [Double], maximumLikelihood: [Double]? = nil, firstGuess: [Double],
                truth: [Double], snr: [Double], binEdges: [Double]) {
        let l = labelNames.count
        self.labelNames = labelNames
        showsMaximumLikelihood = maximumLikelihood != nil
        let fit = maximumLikelihood ?? published
        func cell(_ estimate: [Double], members: [Int], label c: Int) -> Cell {
            Cell(differences: members.map { estimate[$0 * l + c] - truth[$0 * l + c] })
        }
        rows = zip(binEdges, binEdges.dropFirst()).compactMap { lower, upper in
            let members = snr.indices.filter { snr[$0] >= lower && snr[$0] < upper }
            guard !members.isEmpty else { return nil }
            return Row(lowerSNR: lower, upperSNR: upper, count: members.count,
                       published: (0..<l).map { cell(published, members: members, label: $0) },
                       maximumLikelihood: (0..<l).map { cell(fit, members: members, label: $0) },
                       firstGuess: (0..<l).map { cell(firstGuess, members: members, label: $0) })
        }
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted(), k = s.count / 2
        return s.count % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k])
    }

    /// Tab-separated: per bin a `published`, an `ML fit` (when `showsMaximumLikelihood`) and a `first guess`
    /// line, each cell `median / robust scatter` (`-` without a figure); an open last bin reads `>= LOW`.
    public var text: String {
        var lines = [(["S/N_g", "n", "estimate"] + labelNames).joined(separator: "\t")]
        for row in rows {
            let range = row.upperSNR >= 1e6 ? String(format: ">= %.0f", row.lowerSNR)
                : String(format: "%.0f-%.0f", row.lowerSNR, row.upperSNR)
            for (name, cells) in row.estimators(showingMaximumLikelihood: showsMaximumLikelihood) {
                let values = zip(labelNames, cells).map { label, c in c.text(label: label) ?? "-" }
                lines.append(([range, String(row.count), name] + values).joined(separator: "\t"))
            }
        }
        if let offset = referenceOffset {
            let values = zip(labelNames, offset.cells).map { label, c in c.text(label: label) ?? "-" }
            lines.append((["members", String(offset.count), "reference"] + values).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}

extension EstimatorComparison.Cell {
    /// Median and robust scatter of the finite `differences` (NaN when none is).
    init(differences: [Double]) {
        let d = differences.filter(\.isFinite)
        guard !d.isEmpty else {
            self.init(median: .nan, robustScatter: .nan)
            return
        }
        let m = EstimatorComparison.median(d)
        self.init(median: m, robustScatter: 1.4826 * EstimatorComparison.median(d.map { abs($0 - m) }))
    }

    /// `median / robust scatter` with a sign, Teff in whole K and dex to three decimals; nil without a figure.
    func text(label: String) -> String? {
        guard median.isFinite, robustScatter.isFinite else { return nil }
        return String(format: label == "teff" ? "%+.0f / %.0f" : "%+.3f / %.3f", median, robustScatter)
    }
}
