import Catalogue
import Foundation
import Report
import Store

extension DemoBalance {
    /// Compares the cross-validation predictions of two models of one training set, member by member
    /// (members predicted by both, finite labels only). Nil when the labels have no `m_h` (or `feh`).
    static func compare(plain: Int, weighted: Int, db: PostgresConnection) throws -> DemoBalance? {
        guard let names = try ModelQueries.model(id: plain, db: db)?.labelNames,
              let metal = names.firstIndex(of: "m_h") ?? names.firstIndex(of: "feh") else { return nil }
        let rows = try EvaluationQueries.crossValidationPairs(plain: plain, weighted: weighted, db: db)
        let l = names.count
        var residuals = [[(plain: [Double], weighted: [Double])]](repeating: [], count: edges.count - 1)
        for r in rows {
            let a = r.plain, b = r.weighted, reference = r.reference
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
