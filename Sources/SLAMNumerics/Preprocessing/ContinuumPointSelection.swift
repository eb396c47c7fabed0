import Foundation

/// Continuum-point selection between the two spline passes (Zhang, Liu & Deng 2020, sect. 2; the
/// reference code's `normalize_spectrum`): the fitted range is cut into equal bins of about
/// `binWidth` Angstrom; in each bin, with residuals r = flux - first-pass spline of its good pixels,
/// a pixel is a continuum point when `|r - P_q(r)| <= madMultiple * MAD(r)`, with `P_q` the bin's
/// q-th percentile (numpy's linear interpolation) and `MAD = median |r - median(r)|` (not rescaled
/// to a Gaussian sigma: 1 MAD = 0.674 sigma). An upper percentile (q > 0.5) favours the pixels at
/// the top of the noise, so absorption lines, which pull residuals down, are left out.
/// A bin with fewer than 3 good pixels contributes no points.
///
/// With `noiseCorrected`, the level is moved down by what the noise adds to it (issue 20, the low-S/N
/// bias): noise of variance σ² (the median of 1/ivar over the bin's good pixels) widens the residuals'
/// upper side, so the percentile of a noisy spectrum lies z_q √(s² + σ²) above the median where the
/// noiseless one lies z_q s (z_q = Φ⁻¹(q), s the spread the lines and the continuum's own structure
/// give). The corrected level is median + (P_q − median) √max(0, 1 − z_q² σ² / (P_q − median)²): the
/// percentile at high S/N, the median where the noise is all the spread.
enum ContinuumPointSelection {
    /// Marks continuum points in `keep` and returns how many there are.
    /// - Parameters:
    ///   - x: increasing wavelengths, Angstrom.
    ///   - residual: residuals, same length (only entries with `weight > 0` are read).
    ///   - weight: inverse variance of each pixel, > 0 for good pixels (read as 1/σ² by the noise-corrected level).
    ///   - scratch: workspace of at least `2 * x.count` entries.
    static func select(
        x: UnsafeBufferPointer<Double>, residual: UnsafeBufferPointer<Double>, weight: UnsafeBufferPointer<Double>,
        binWidth: Double, percentile q: Double, madMultiple: Double, noiseCorrected: Bool = false,
        scratch: UnsafeMutableBufferPointer<Double>, keep: UnsafeMutableBufferPointer<Bool>
    ) -> Int {
        let z = noiseCorrected && q > 0.5 ? standardNormalQuantile(q) : 0
        let n = x.count
        for i in 0..<n { keep[i] = false }
        guard n > 0 else { return 0 }
        let span = x[n - 1] - x[0]
        let binCount = max(1, Int((span / binWidth).rounded()))
        let width = span / Double(binCount)
        let values = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        let deviations = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
        var kept = 0
        var first = 0
        for bin in 0..<binCount {
            // Pixels first ..< last lie in this bin (the last bin takes the right edge).
            let edge = bin == binCount - 1 ? Double.infinity : x[0] + width * Double(bin + 1)
            var last = first
            while last < n && x[last] < edge { last += 1 }
            defer { first = last }
            var m = 0
            for i in first..<last where weight[i] > 0 { values[m] = residual[i]; m += 1 }
            guard m >= 3 else { continue }
            // Median first; an upper percentile then lies in the upper part the selection left behind.
            let median = percentile(values, count: m, q: 0.5)
            var level = percentile(values, count: m, q: q, knownMedianRank: (m - 1) / 2)
            for k in 0..<m { deviations[k] = abs(values[k] - median) }
            let mad = percentile(deviations, count: m, q: 0.5)
            if z > 0, level > median {
                var v = 0
                for i in first..<last where weight[i] > 0 { deviations[v] = 1 / weight[i]; v += 1 }
                let noiseVariance = percentile(deviations, count: v, q: 0.5)
                let upper = level - median
                level = median + upper * max(0, 1 - z * z * noiseVariance / (upper * upper)).squareRoot()
            }
            let tolerance = madMultiple * mad
            for i in first..<last where weight[i] > 0 && abs(residual[i] - level) <= tolerance {
                keep[i] = true
                kept += 1
            }
        }
        return kept
    }

    /// Φ⁻¹(p) of the standard normal distribution for 0 < p < 1, by bisection on erf (to 1e-12).
    static func standardNormalQuantile(_ p: Double) -> Double {
        var lo = -10.0, hi = 10.0
        for _ in 0..<100 {
            let mid = 0.5 * (lo + hi)
            if 0.5 * (1 + erf(mid / 2.0.squareRoot())) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-12 { break }
        }
        return 0.5 * (lo + hi)
    }

    /// The q-th quantile (0 ... 1) of `values[0 ..< count]` with linear interpolation between order
    /// statistics (numpy's default). Reorders the values. O(count) expected.
    /// `knownMedianRank`: when the values were just partitioned around rank r by `select` (every value
    /// after index r >= values[r]) and the wanted rank is >= r, only the part from r on is searched.
    static func percentile(
        _ values: UnsafeMutableBufferPointer<Double>, count: Int, q: Double, knownMedianRank: Int? = nil
    ) -> Double {
        precondition(count > 0, "percentile of nothing")
        let position = min(max(q, 0), 1) * Double(count - 1)
        let k = Int(position)
        let fraction = position - Double(k)
        let low: Double
        if let r = knownMedianRank, k >= r {
            let upper = UnsafeMutableBufferPointer(rebasing: values[r..<count])
            low = select(upper, count: count - r, k: k - r)
        } else {
            low = select(values, count: count, k: k)
        }
        guard fraction > 0, k + 1 < count else { return low }
        var high = Double.infinity
        for i in (k + 1)..<count { high = min(high, values[i]) }
        return low + fraction * (high - low)
    }

    /// Hoare quickselect: reorders `values[0 ..< count]` so that `values[k]` is the k-th smallest, with
    /// no larger value before it and no smaller after it; returns it. Median-of-three pivots, deterministic.
    static func select(_ v: UnsafeMutableBufferPointer<Double>, count: Int, k: Int) -> Double {
        var lo = 0, hi = count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { break }
        }
        return v[k]
    }
}
