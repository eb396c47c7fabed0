import Foundation

/// Per-star training weights inversely proportional to the local density of training stars in label
/// space, so that sparse regions (the metal-poor and metal-rich tails, hot dwarfs, luminous giants) are
/// not drowned by the bulk in the SVR loss (`SLAMTrainingData.starWeights`).
///
/// Density by k nearest neighbours in standardised labels (each label scaled to zero mean and unit
/// standard deviation): rho_i ~ k / d_k,i^L with d_k,i the distance to the star's k-th nearest other
/// star, so w_i ~ d_k,i^L. The weights are normalised to mean 1 and clipped to [`minimum`, `maximum`]
/// (clipping and normalising repeated until both hold, so a few isolated stars cannot dominate).
/// Cost O(N^2 L).
public struct TrainingDensityWeights: Sendable, Equatable, Codable {
    /// Neighbours k. Default 10.
    public var neighbours: Int = 10
    /// Smallest weight after normalisation. Default 0.2.
    public var minimum: Double = 0.2
    /// Largest weight after normalisation. Default 5.
    public var maximum: Double = 5

    /// Default settings.
    public init() {}

    /// Weights of N stars with labels `labels` (N x L row-major, physical units), N entries with mean 1
    /// (up to the clipping). Throws `.shapeMismatch` for a ragged label matrix, `.tooFewTrainingStars`
    /// for N <= 1, `.nonFiniteLabel` for a non-finite label, `.invalidGrid` for bad settings
    /// (k < 1, or not 0 < minimum <= 1 <= maximum).
    public func weights(labels: [Double], labelCount l: Int) throws(SLAMTrainingError) -> [Double] {
        guard l > 0 else { throw .emptyDimension(what: "labels") }
        guard labels.count % l == 0 else { throw .shapeMismatch(what: "labels", expected: (labels.count / l) * l, actual: labels.count) }
        let n = labels.count / l
        guard n >= 2 else { throw .tooFewTrainingStars(count: n, minimum: 2) }
        guard neighbours >= 1, minimum > 0, minimum <= 1, maximum >= 1, maximum.isFinite else {
            throw .invalidGrid(reason: "density weights: k = \(neighbours), clip [\(minimum), \(maximum)]: need k >= 1 and 0 < minimum <= 1 <= maximum")
        }
        if let i = labels.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteLabel(star: i / l, label: "column \(i % l)", value: labels[i])
        }
        let scaler = Standardiser.fit(labels, rows: n, columns: l)
        let z = scaler.forward(matrix: labels)
        let k = min(neighbours, n - 1)
        var raw = [Double](repeating: 0, count: n)
        var d2 = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for c in 0..<l { let d = z[i * l + c] - z[j * l + c]; s += d * d }
                d2[j] = s
            }
            d2[i] = .infinity
            d2.sort()
            // d_k^L, from the squared distance; a duplicate-label cluster gives 0, clipped below.
            raw[i] = pow(d2[k - 1], Double(l) / 2)
        }
        var w = Self.normalised(raw)
        for _ in 0..<50 {
            let clipped = w.map { min(max($0, minimum), maximum) }
            let renormalised = Self.normalised(clipped)
            let done = renormalised.allSatisfy { $0 >= minimum * (1 - 1e-9) && $0 <= maximum * (1 + 1e-9) }
            w = renormalised
            if done { break }
        }
        return w.map { min(max($0, minimum), maximum) }
    }

    private static func normalised(_ values: [Double]) -> [Double] {
        let mean = values.reduce(0, +) / Double(values.count)
        return mean > 0 ? values.map { $0 / mean } : [Double](repeating: 1, count: values.count)
    }
}
