import Foundation

/// How a stage's time grows with the survey: `time ∝ N^k`, with `k` the least-squares slope of ln(time)
/// against ln(N) over the sizes measured (issue 18 asks every stage for k ≤ 1.1).
public enum GrowthExponent {
    /// The slope `k` of `ln(seconds)` against `ln(sizes)`, over the pairs where both are positive and finite;
    /// `nil` with fewer than two distinct sizes.
    public static func fit(sizes: [Double], seconds: [Double]) -> Double? {
        let points = zip(sizes, seconds).filter { $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite }
            .map { (log($0.0), log($0.1)) }
        guard Set(points.map(\.0)).count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.map(\.0).reduce(0, +) / n, meanY = points.map(\.1).reduce(0, +) / n
        let sxy = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        let sxx = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
        return sxy / sxx
    }
}
