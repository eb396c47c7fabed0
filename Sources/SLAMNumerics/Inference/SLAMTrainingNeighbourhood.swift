/// The k-nearest-neighbour test behind `LabelFitFlags.farFromTrainingSet`: how far a label vector is
/// from the training set, in standardised label space (Euclidean), compared with how far the training
/// stars are from each other.
///
/// The statistic is d_k(theta), the distance to the k-th nearest training label. Its scale is the
/// `quantile` quantile of the training stars' own leave-one-out d_k; a fit is far from the training set
/// when d_k(theta) > `factor` x that quantile. Cheaper and better defined than a convex-hull test, and
/// it also sees holes inside the training range. Building costs O(N^2 L) once per predictor.
public struct SLAMTrainingNeighbourhood: Sendable {
    /// Standardised training labels, N x L row-major.
    public let labels: [Double]
    public let labelCount: Int
    /// k, clamped to N - 1 (0 when N = 1: the test is then off).
    public let k: Int
    /// d_k above this is "far" (standardised units); +infinity when the test is off.
    public let threshold: Double

    /// - `labels`: N x L standardised training labels. `k` >= 1, `quantile` in [0, 1], `factor` > 0.
    public init(labels: [Double], labelCount l: Int, k requested: Int, quantile: Double, factor: Double) {
        let n = l > 0 ? labels.count / l : 0
        self.labels = labels
        labelCount = l
        k = max(0, min(requested, n - 1))
        guard k > 0 else { threshold = .infinity; return }
        var own = [Double](repeating: 0, count: n)
        var d2 = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n { d2[j] = Self.squaredDistance(labels, i, labels, j, l) }
            d2[i] = .infinity  // leave the star itself out
            own[i] = Self.kthSmallest(&d2, k).squareRoot()
        }
        own.sort()
        let q = min(max(quantile, 0), 1)
        threshold = factor * own[min(n - 1, Int((q * Double(n - 1)).rounded()))]
    }

    /// d_k of `theta` (L standardised labels); NaN when the test is off.
    public func kthDistance(_ theta: [Double]) -> Double {
        distance(theta, rank: k)
    }

    /// d_k of `theta` as if one training star, the nearest, were left out: the distance to the (k + 1)-th
    /// nearest training label. For a fit of a training star's own spectrum, whose labels lie next to its
    /// training label, this is the leave-one-out d_k that an unseen star at the same place would have
    /// (the training stars' own d_k in `threshold` are computed the same way). NaN when the test is off
    /// (k + 1 never exceeds N, since k is clamped to N - 1).
    public func leaveOneOutDistance(_ theta: [Double]) -> Double {
        distance(theta, rank: k + 1)
    }

    private func distance(_ theta: [Double], rank: Int) -> Double {
        let l = labelCount, n = labels.count / max(l, 1)
        guard k > 0, rank <= n else { return .nan }
        var d2 = [Double](repeating: 0, count: n)
        for j in 0..<n { d2[j] = Self.squaredDistance(theta, 0, labels, j, l) }
        return Self.kthSmallest(&d2, rank).squareRoot()
    }

    private static func squaredDistance(_ a: [Double], _ i: Int, _ b: [Double], _ j: Int, _ l: Int) -> Double {
        var s = 0.0
        for c in 0..<l { let d = a[i * l + c] - b[j * l + c]; s += d * d }
        return s
    }

    /// The k-th smallest value (1-based) by partial selection; reorders `values`.
    private static func kthSmallest(_ values: inout [Double], _ k: Int) -> Double {
        var lo = 0, hi = values.count - 1
        let target = k - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { hi = j } else if target >= i { lo = i } else { return values[target] }
        }
        return values[target]
    }
}
