import Foundation
import Store

/// Bias and scatter of the whole-method cross-validation (SLAM − reference) in bins of reference [M/H],
/// for a model trained with equal star weights and one trained with inverse-density weights
/// (`TrainingDensityWeights`), so that the metal-poor and metal-rich tails, which the paper names as a
/// source of bias, can be compared with and without balancing.
public struct DemoBalance: Sendable {
    /// One [M/H] bin: its edges (dex), and per label (bias, scatter) for each model, label units.
    public struct Row: Sendable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        public var plain: [(bias: Double, scatter: Double)]
        public var weighted: [(bias: Double, scatter: Double)]
    }

    public var labelNames: [String]
    public var plainModelID: Int
    public var weightedModelID: Int
    public var rows: [Row]

    /// Edges of the reference-[M/H] bins, dex (the outer ones open).
    public static let edges = [-Double.infinity, -1.0, -0.5, 0.0, 0.3, Double.infinity]

    /// Compares the cross-validation predictions of two models of one training set, member by member
    /// (members predicted by both, finite labels only). Nil when the labels have no `m_h` (or `feh`).
    static func compare(plain: Int, weighted: Int, db: PostgresConnection) throws -> DemoBalance? {
        guard let names = try db.query("SELECT label_names FROM model WHERE model_id = $1", [plain]).first?.decode([String].self, at: 0),
              let metal = names.firstIndex(of: "m_h") ?? names.firstIndex(of: "feh") else { return nil }
        let rows = try db.query("""
            SELECT a.labels, b.labels, a.reference FROM model_validation_prediction a
            JOIN model_validation_prediction b ON b.obsid = a.obsid AND b.model_id = $2 AND b.kind = 'cross_validation'
            WHERE a.model_id = $1 AND a.kind = 'cross_validation'
            """, [plain, weighted]).rows
        let l = names.count
        var residuals = [[(plain: [Double], weighted: [Double])]](repeating: [], count: edges.count - 1)
        for r in rows {
            let a = try r.decode([Float].self, at: 0).map(Double.init), b = try r.decode([Float].self, at: 1).map(Double.init)
            let reference = try r.decode([Float].self, at: 2).map(Double.init)
            guard a.count == l, b.count == l, reference.count == l, (a + b + reference).allSatisfy(\.isFinite),
                  let bin = (0..<(edges.count - 1)).first(where: { reference[metal] >= edges[$0] && reference[metal] < edges[$0 + 1] })
            else { continue }
            residuals[bin].append((zip(a, reference).map { $0 - $1 }, zip(b, reference).map { $0 - $1 }))
        }
        func statistics(_ values: [[Double]], _ j: Int) -> (bias: Double, scatter: Double) {
            let x = values.map { $0[j] }
            guard !x.isEmpty else { return (.nan, .nan) }
            let mean = x.reduce(0, +) / Double(x.count)
            let variance = x.count > 1 ? x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.count - 1) : .nan
            return (mean, variance.squareRoot())
        }
        let out = residuals.enumerated().map { bin, members in
            Row(lower: edges[bin], upper: edges[bin + 1], count: members.count,
                plain: (0..<l).map { statistics(members.map(\.plain), $0) },
                weighted: (0..<l).map { statistics(members.map(\.weighted), $0) })
        }
        return DemoBalance(labelNames: names, plainModelID: plain, weightedModelID: weighted, rows: out)
    }
}
