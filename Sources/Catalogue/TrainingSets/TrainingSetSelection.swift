import Store

/// The candidates of a training set and its cuts, whatever the label source: a `WITH ... ranked AS (...)`
/// prefix whose rows are the candidates (`obsid`, the reference row's id, `snrg`, optionally the members'
/// `labels` and `label_errors` arrays) with one boolean column `c<k>` per cut (NULL counts as failing).
/// Built from literal fragments, quoted identifiers and bound values only (see
/// ``crossmatch(_:withLabels:)`` and ``labelCatalogue(_:)``); ``TrainingSetQueries`` counts and writes it.
public struct TrainingSetSelection: Sendable {
    /// One cut: its name (as reported) and its predicate over the candidate row.
    public struct Cut: Sendable {
        public var name: String
        var predicate: SQL
    }

    /// The `WITH ... ranked AS (...)` prefix.
    var with: SQL
    /// The cuts in the order they are applied (the last may be the repeat rank, a column of `ranked`).
    public var cuts: [Cut]
    /// The column of `ranked` naming the reference row (`apogee_id`, `reference_id`).
    var referenceColumn: SQL
    /// Whether the candidates are a listed member list (table `listed_member`).
    var listed: Bool

    /// Names of the cuts, in order.
    public var cutNames: [String] { cuts.map(\.name) }

    /// The flag column of cut `k` (`c<k>`).
    static func flag(_ k: Int) -> SQL { "\(identifier: "c\(k)")" }

    /// `c0 AND c1 AND ...` over the first `count` cuts (`prefix` before each, e.g. `r.`), or `true` for none.
    static func passing(_ count: Int, prefix: SQL = "") -> SQL {
        count == 0 ? "true" : SQL.joined((0..<count).map { prefix + flag($0) }, separator: " AND ")
    }

    /// The `coalesce(predicate, false) AS c<k>` columns of `cuts`.
    static func flagColumns(_ cuts: [Cut]) -> SQL {
        SQL.joined(cuts.enumerated().map { k, cut in "coalesce(\(cut.predicate), false) AS \(flag(k))" }, separator: ", ")
    }

    /// The repeat rank column: a candidate passing every cut is kept when it has the best S/N_g of its
    /// reference row (ties: the lowest obsid).
    static func rankColumn(cuts: Int, partition: SQL) -> SQL {
        let passAll = passing(cuts)
        return ", (NOT (\(passAll)) OR row_number() OVER (PARTITION BY (\(passAll)), \(partition) ORDER BY snrg DESC NULLS LAST, obsid) = 1) AS \(flag(cuts))"
    }
}

/// An inclusive range of a label, physical units; either side may be open.
public struct LabelBounds: Sendable, Equatable {
    public var minimum: Double?
    public var maximum: Double?
    public init(minimum: Double?, maximum: Double?) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// `value >= min AND value <= max` (the sides given), values bound.
    func predicate(_ value: SQL) -> SQL {
        var parts: [SQL] = []
        if let minimum { parts.append("\(value) >= \(minimum)") }
        if let maximum { parts.append("\(value) <= \(maximum)") }
        return SQL.joined(parts, separator: " AND ")
    }
}
