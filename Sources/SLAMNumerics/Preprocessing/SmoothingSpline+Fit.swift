extension SmoothingSpline {
    /// Equally spaced knots on `[start, start + spacing * intervals]`; cubic B-spline `k` (0 ..<
    /// `intervals + 3`) is non-zero on knot intervals `k - 3 ... k`.
    struct Knots: Sendable, Equatable {
        let start: Double
        let spacing: Double
        let intervals: Int
        /// 1 / spacing (a multiplication is cheaper than a division in `locate`).
        let inverseSpacing: Double

        var basisCount: Int { intervals + 3 }

        init(start: Double, end: Double, targetSpacing: Double) throws(SmoothingSplineError) {
            guard start.isFinite else { throw .invalidParameter(name: "domainStart", value: start) }
            guard end.isFinite, end > start else { throw .invalidParameter(name: "domainEnd", value: end) }
            guard targetSpacing.isFinite, targetSpacing > 0 else {
                throw .invalidParameter(name: "knotSpacing", value: targetSpacing)
            }
            let n = ((end - start) / targetSpacing).rounded(.up)
            guard n < 1e7 else { throw .invalidParameter(name: "knotSpacing", value: targetSpacing) }
            self.intervals = max(1, Int(n))
            self.start = start
            self.spacing = (end - start) / Double(intervals)
            self.inverseSpacing = 1 / spacing
        }

        init(uncheckedStart start: Double, spacing: Double, intervals: Int) {
            self.start = start
            self.spacing = spacing
            self.intervals = intervals
            self.inverseSpacing = 1 / spacing
        }

        /// Knot interval `j` holding `x` and the position `t` in [0, 1] within it (clamped to the domain).
        @inline(__always)
        func locate(_ x: Double) -> (j: Int, t: Double) {
            let u = (x - start) * inverseSpacing
            if !(u > 0) { return (0, 0) }
            if u >= Double(intervals) { return (intervals - 1, 1) }
            let j = Int(u)
            return (j, u - Double(j))
        }
    }

    /// The four non-zero uniform cubic B-splines on an interval, at position `t` in [0, 1]
    /// (for basis functions j, j+1, j+2, j+3 of interval j). They sum to 1.
    @inline(__always)
    static func basis(_ t: Double) -> (Double, Double, Double, Double) {
        let s = 1 - t, t2 = t * t, t3 = t2 * t
        return (s * s * s / 6, (3 * t3 - 6 * t2 + 4) / 6, (-3 * t3 + 3 * t2 + 3 * t + 1) / 6, t3 / 6)
    }

    /// `M[p][q] = integral_0^1 b_p''(t) b_q''(t) dt` for the four local basis functions, row-major 4 x 4;
    /// b_p'' is linear in t: (1 - t), (3t - 2), (1 - 3t), t. The penalty on a knot interval of width h is
    /// `M / h^3` (two derivatives give 1/h^2 each, dx gives h).
    static let localPenalty: [Double] = {
        let a: [(Double, Double)] = [(1, -1), (-2, 3), (1, -3), (0, 1)]
        var m = [Double](repeating: 0, count: 16)
        for p in 0..<4 {
            for q in 0..<4 {
                m[4 * p + q] = a[p].0 * a[q].0 + (a[p].0 * a[q].1 + a[p].1 * a[q].0) / 2 + a[p].1 * a[q].1 / 3
            }
        }
        return m
    }()

    /// Value at `x` from coefficients on `knots` (constant extension outside the domain).
    @inline(__always)
    static func value(at x: Double, coefficients c: UnsafeBufferPointer<Double>, knots: Knots) -> Double {
        let (j, t) = knots.locate(x)
        let (b0, b1, b2, b3) = basis(t)
        return b0 * c[j] + b1 * c[j + 1] + b2 * c[j + 2] + b3 * c[j + 3]
    }

    /// Fits the coefficients. Points with `weights[i] > 0` are used (the caller has checked that they are
    /// finite and inside the domain); others are ignored.
    /// - Parameters:
    ///   - band: workspace of `4 * knots.basisCount` entries (lower band of the normal matrix).
    ///   - coefficients: `knots.basisCount` entries, overwritten with the solution.
    static func fitCoefficients(
        x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>,
        knots: Knots, smoothingLength: Double,
        band: UnsafeMutableBufferPointer<Double>, coefficients rhs: UnsafeMutableBufferPointer<Double>
    ) throws(SmoothingSplineError) {
        let nb = knots.basisCount
        precondition(band.count >= 4 * nb && rhs.count >= nb, "spline workspace too small")
        for i in 0..<(4 * nb) { band[i] = 0 }
        for i in 0..<nb { rhs[i] = 0 }
        // Data term: band[4 i + d] holds A(i, i - d). Sums over the points of one knot interval stay in
        // registers (a00 ... a33, r0 ... r3) and are added to the band when the interval changes, which for
        // sorted x is once per interval.
        var sumW = 0.0, count = 0, lo = Double.infinity, hi = -Double.infinity
        var current = -1
        var a00 = 0.0, a10 = 0.0, a11 = 0.0, a20 = 0.0, a21 = 0.0, a22 = 0.0
        var a30 = 0.0, a31 = 0.0, a32 = 0.0, a33 = 0.0, r0 = 0.0, r1 = 0.0, r2 = 0.0, r3 = 0.0
        func flush() {
            guard current >= 0 else { return }
            let r = 4 * current
            band[r] += a00
            band[r + 4] += a11; band[r + 5] += a10
            band[r + 8] += a22; band[r + 9] += a21; band[r + 10] += a20
            band[r + 12] += a33; band[r + 13] += a32; band[r + 14] += a31; band[r + 15] += a30
            rhs[current] += r0; rhs[current + 1] += r1; rhs[current + 2] += r2; rhs[current + 3] += r3
            a00 = 0; a10 = 0; a11 = 0; a20 = 0; a21 = 0; a22 = 0; a30 = 0; a31 = 0; a32 = 0; a33 = 0
            r0 = 0; r1 = 0; r2 = 0; r3 = 0
        }
        for i in 0..<x.count {
            let w = weights[i]
            guard w > 0 else { continue }
            let xi = x[i], wy = w * y[i]
            sumW += w; count += 1
            lo = min(lo, xi); hi = max(hi, xi)
            let (j, t) = knots.locate(xi)
            if j != current { flush(); current = j }
            let (b0, b1, b2, b3) = basis(t)
            let wb0 = w * b0, wb1 = w * b1, wb2 = w * b2, wb3 = w * b3
            a00 += wb0 * b0
            a11 += wb1 * b1; a10 += wb1 * b0
            a22 += wb2 * b2; a21 += wb2 * b1; a20 += wb2 * b0
            a33 += wb3 * b3; a32 += wb3 * b2; a31 += wb3 * b1; a30 += wb3 * b0
            r0 += wy * b0; r1 += wy * b1; r2 += wy * b2; r3 += wy * b3
        }
        flush()
        guard hi > lo else { throw .tooFewPoints(count: count) }
        // Penalty term: L^4 rho / h^3 * M on every knot interval.
        if smoothingLength > 0 {
            let l2 = smoothingLength * smoothingLength
            let h = knots.spacing
            let scale = l2 * l2 * (sumW / (hi - lo)) / (h * h * h)
            let m = localPenalty
            for j in 0..<knots.intervals {
                for p in 0..<4 {
                    for q in 0...p { band[4 * (j + p) + (p - q)] += scale * m[4 * p + q] }
                }
            }
        }
        try choleskySolve(band: band, rhs: rhs, n: nb)
    }

    /// Solves `A c = rhs` in place for a symmetric positive definite A of half-bandwidth 3, given as its
    /// lower band (`band[4 i + d] = A(i, i - d)`), by Cholesky factorisation `A = G G^T`: O(n).
    static func choleskySolve(
        band: UnsafeMutableBufferPointer<Double>, rhs: UnsafeMutableBufferPointer<Double>, n: Int
    ) throws(SmoothingSplineError) {
        // Factor: band[4 i + d] becomes G(i, i - d).
        for i in 0..<n {
            let first = max(0, i - 3)
            for k in first..<i {
                var s = band[4 * i + (i - k)]
                var l = max(first, k - 3)
                while l < k {
                    s -= band[4 * i + (i - l)] * band[4 * k + (k - l)]
                    l += 1
                }
                band[4 * i + (i - k)] = s / band[4 * k]
            }
            let diagonal = band[4 * i]
            var s = diagonal
            for l in first..<i { s -= band[4 * i + (i - l)] * band[4 * i + (i - l)] }
            guard s > 1e-12 * diagonal, s.isFinite else { throw .singularSystem(basisIndex: i) }
            band[4 * i] = s.squareRoot()
        }
        // Forward: G z = rhs.
        for i in 0..<n {
            var s = rhs[i]
            for l in max(0, i - 3)..<i { s -= band[4 * i + (i - l)] * rhs[l] }
            rhs[i] = s / band[4 * i]
        }
        // Backward: G^T c = z.
        var i = n - 1
        while i >= 0 {
            var s = rhs[i]
            for k in (i + 1)..<min(n, i + 4) { s -= band[4 * k + (k - i)] * rhs[k] }
            rhs[i] = s / band[4 * i]
            i -= 1
        }
    }
}
