/// A penalised cubic smoothing spline on equally spaced knots (an O'Sullivan P-spline): the cubic
/// B-spline `f(x) = sum_k c_k B_k(x)` that minimises
///
///     sum_i w_i (y_i - f(x_i))^2  +  L^4 * rho * integral (f''(x))^2 dx,   rho = sum_i w_i / (x_max - x_min)
///
/// over the B-splines with knots every `knotSpacing` on the domain. The roughness penalty is the exact
/// integral of the squared second derivative (the penalty of Reinsch's smoothing spline), restricted to
/// the B-spline space, so with knots much closer than `L` this is the classical smoothing spline.
///
/// **Smoothing length `L`** (same unit as `x`, Angstrom for spectra): `rho` is the weight per unit `x`,
/// so the penalty does not depend on the flux scale (scaling `y` by k and `w` by 1/k^2 scales `f` by k
/// exactly), nor on how densely the points are sampled. For evenly spread, equally weighted points the
/// fit acts as a low-pass filter with transfer function `1 / (1 + (L * omega)^4)`: a sinusoid of period
/// `P` is damped by half at `P = 2 pi L`, kept for `P >> 2 pi L`, removed for `P << 2 pi L`.
/// `L = 0` is unpenalised least-squares cubic-spline regression (reproduces any cubic exactly);
/// `L -> infinity` tends to the weighted least-squares straight line (the penalty's null space).
///
/// Cost: building the normal equations is O(points); the system has half-bandwidth 3 and is solved by
/// a banded Cholesky factorisation in O(basis functions). Outside its domain the spline is extended
/// as a constant (its value at the nearer end).
public struct SmoothingSpline: Sendable, Equatable {
    /// Left end of the domain (first knot), unit of `x`.
    public let domainStart: Double
    /// Knot spacing actually used (the requested spacing shrunk so that a whole number of intervals
    /// fills the domain), unit of `x`.
    public let knotSpacing: Double
    /// Number of knot intervals; the spline has `intervalCount + 3` B-spline coefficients.
    public let intervalCount: Int
    /// B-spline coefficients, `intervalCount + 3` entries, in the unit of `y`.
    public let coefficients: [Double]

    /// Right end of the domain, unit of `x`.
    public var domainEnd: Double { domainStart + knotSpacing * Double(intervalCount) }

    /// Fits the spline.
    /// - Parameters:
    ///   - x: abscissae (any order), e.g. wavelength in Angstrom.
    ///   - y: values, same length as `x`.
    ///   - weights: non-negative weights (inverse variances), same length; `nil` means all 1. Points with
    ///     weight 0 are ignored whatever their `x` and `y`.
    ///   - smoothingLength: `L` above, >= 0, unit of `x`.
    ///   - knotSpacing: requested knot spacing, > 0, unit of `x` (keep it below about `L / 2`).
    ///   - domain: knot range; `nil` means from the smallest to the largest weighted `x`.
    /// - Throws: `SmoothingSplineError` on mismatched lengths, non-finite weighted points, points outside
    ///   the domain, fewer than two distinct weighted points, or a singular unpenalised system.
    public init(
        x: [Double], y: [Double], weights: [Double]? = nil,
        smoothingLength: Double, knotSpacing: Double, domain: ClosedRange<Double>? = nil
    ) throws(SmoothingSplineError) {
        let w = weights ?? [Double](repeating: 1, count: x.count)
        guard x.count == y.count, w.count == x.count else {
            throw .lengthMismatch(x: x.count, y: y.count, weights: w.count)
        }
        var lo = Double.infinity, hi = -Double.infinity
        for i in x.indices where w[i] != 0 {
            guard w[i].isFinite, w[i] > 0, x[i].isFinite, y[i].isFinite else { throw .invalidPoint(index: i) }
            lo = min(lo, x[i]); hi = max(hi, x[i])
        }
        guard hi > lo else { throw .tooFewPoints(count: w.filter { $0 > 0 }.count) }
        let range = domain ?? lo...hi
        if let domain {
            for i in x.indices where w[i] > 0 && !domain.contains(x[i]) {
                throw .pointOutsideDomain(index: i, x: x[i])
            }
        }
        let knots = try Knots(start: range.lowerBound, end: range.upperBound, targetSpacing: knotSpacing)
        guard smoothingLength.isFinite, smoothingLength >= 0 else {
            throw .invalidParameter(name: "smoothingLength", value: smoothingLength)
        }
        var band = [Double](repeating: 0, count: 4 * knots.basisCount)
        var coefficients = [Double](repeating: 0, count: knots.basisCount)
        try x.withUnsafeBufferPointer { (xp) throws(SmoothingSplineError) in
            try y.withUnsafeBufferPointer { (yp) throws(SmoothingSplineError) in
                try w.withUnsafeBufferPointer { (wp) throws(SmoothingSplineError) in
                    try band.withUnsafeMutableBufferPointer { (bp) throws(SmoothingSplineError) in
                        try coefficients.withUnsafeMutableBufferPointer { (cp) throws(SmoothingSplineError) in
                            try Self.fitCoefficients(
                                x: xp, y: yp, weights: wp, knots: knots, smoothingLength: smoothingLength,
                                band: bp, coefficients: cp)
                        }
                    }
                }
            }
        }
        self.domainStart = knots.start
        self.knotSpacing = knots.spacing
        self.intervalCount = knots.intervals
        self.coefficients = coefficients
    }

    /// The spline's value at `x` (constant extension outside the domain).
    public func callAsFunction(_ x: Double) -> Double {
        let knots = Knots(uncheckedStart: domainStart, spacing: knotSpacing, intervals: intervalCount)
        return coefficients.withUnsafeBufferPointer { Self.value(at: x, coefficients: $0, knots: knots) }
    }

    /// The spline's values at each of `xs`.
    public func evaluate(_ xs: [Double]) -> [Double] {
        xs.map { self($0) }
    }
}
