/// A multiplicative low-order correction of a spectrum's pseudo-continuum, fitted with the labels (as
/// DD-Payne does, Xiang et al. 2019, ApJS 245, 34): the observed normalised flux is modelled as
/// P(x) f(theta), with P a Legendre series of degree K in the pixel position x (the model grid is linear
/// in wavelength; x runs from -1 at the first model pixel to +1 at the last).
///
/// Why: at low S/N the pseudo-continuum is pulled up by noise (its continuum points are chosen near an
/// upper percentile of the residuals), so every line looks deeper than in the high-S/N training spectra
/// and the labels drift ([M/H] up). The correction absorbs that smooth offset; the labels are then fitted
/// on flux / P (see `SLAMPredictor.predict`, `PredictionOptions.continuumDegree`).
public struct ContinuumCorrection: Sendable, Equatable, Hashable {
    /// Legendre coefficients a_0 ... a_K of P (dimensionless; P = 1 is a_0 = 1, the rest 0).
    public var coefficients: [Double]

    /// The correction with the given coefficients (at least one).
    public init(coefficients: [Double]) {
        precondition(!coefficients.isEmpty, "a continuum correction has at least one coefficient")
        self.coefficients = coefficients
    }

    /// P = 1 of degree `degree`.
    public static func identity(degree: Int) -> ContinuumCorrection {
        ContinuumCorrection(coefficients: [1] + [Double](repeating: 0, count: max(0, degree)))
    }

    /// Degree K.
    public var degree: Int { coefficients.count - 1 }

    /// Legendre polynomials P_0 ... P_K at x (Bonnet's recursion).
    static func legendre(_ x: Double, degree k: Int) -> [Double] {
        var values = [Double](repeating: 0, count: k + 1)
        values[0] = 1
        if k >= 1 { values[1] = x }
        if k >= 2 {
            for n in 1..<k {
                let dn = Double(n)
                values[n + 1] = ((2 * dn + 1) * x * values[n] - dn * values[n - 1]) / (dn + 1)
            }
        }
        return values
    }

    /// Pixel position of pixel `j` of `count`: -1 ... 1 (0 for a single pixel).
    static func position(_ j: Int, count p: Int) -> Double {
        p > 1 ? -1 + 2 * Double(j) / Double(p - 1) : 0
    }

    /// P at the `count` model pixels, in model pixel order.
    public func values(count p: Int) -> [Double] {
        (0..<p).map { j in
            zip(coefficients, Self.legendre(Self.position(j, count: p), degree: degree)).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// Fits P by weighted least squares to one spectrum: minimises sum_j w_j (f_j - P(x_j) m_j)^2 with
    /// w_j = 1 / (1 / ivar_j + v_j), then drops pixels whose normalised residual exceeds `clip` and refits
    /// once (cosmic rays and sky residuals must not tilt the continuum).
    ///
    /// - `flux`, `ivar`: normalised flux and its inverse variance, P entries (model pixel order) starting
    ///   at `offset`; a pixel with non-finite flux or ivar, or ivar <= 0, is left out.
    /// - `model`: the model's normalised flux m_j at the fitted labels, P entries.
    /// - `modelVariance`: the model's own variance per pixel in normalised flux units, P entries
    ///   (+infinity: the pixel is left out).
    /// - `degree`: K >= 0.
    /// Throws `.invalidArgument` for a negative degree, `.wrongLength`, or `.tooFewPixels` when fewer than
    /// K + 2 usable pixels remain (or the normal equations are singular).
    public static func fit(flux: [Float], ivar: [Float], offset: Int = 0, model: [Double], modelVariance: [Double],
                           degree k: Int, clip: Double = 5) throws(InferenceError) -> ContinuumCorrection {
        guard k >= 0 else { throw .invalidArgument(name: "continuum degree", value: k) }
        let p = model.count
        guard modelVariance.count == p else { throw .wrongLength(name: "modelVariance", expected: p, actual: modelVariance.count) }
        guard offset >= 0, flux.count >= offset + p else { throw .wrongLength(name: "flux", expected: offset + p, actual: flux.count) }
        guard ivar.count >= offset + p else { throw .wrongLength(name: "ivar", expected: offset + p, actual: ivar.count) }
        var weight = [Double](repeating: 0, count: p)
        for j in 0..<p {
            let f = Double(flux[offset + j]), v = Double(ivar[offset + j])
            guard f.isFinite, v.isFinite, v > 0, model[j].isFinite, modelVariance[j].isFinite, modelVariance[j] >= 0 else { continue }
            weight[j] = 1 / (1 / v + modelVariance[j])
        }
        var correction = try solve(flux: flux, offset: offset, model: model, weight: weight, degree: k)
        let values = correction.values(count: p)
        var clipped = 0
        for j in 0..<p where weight[j] > 0 {
            let r = (Double(flux[offset + j]) - values[j] * model[j]) * weight[j].squareRoot()
            if abs(r) > clip { weight[j] = 0; clipped += 1 }
        }
        if clipped > 0 { correction = try solve(flux: flux, offset: offset, model: model, weight: weight, degree: k) }
        return correction
    }

    /// The weighted linear least-squares solve: normal equations (K + 1 unknowns) by Cholesky.
    private static func solve(flux: [Float], offset: Int, model: [Double], weight: [Double], degree k: Int)
        throws(InferenceError) -> ContinuumCorrection
    {
        let p = model.count, n = k + 1
        var a = [Double](repeating: 0, count: n * n), b = [Double](repeating: 0, count: n)
        var used = 0
        for j in 0..<p where weight[j] > 0 {
            used += 1
            let basis = legendre(position(j, count: p), degree: k).map { $0 * model[j] }
            for r in 0..<n {
                b[r] += weight[j] * basis[r] * Double(flux[offset + j])
                for c in 0...r { a[r * n + c] += weight[j] * basis[r] * basis[c] }
            }
        }
        guard used >= n + 1 else { throw .tooFewPixels(spectrum: 0, good: used, required: n + 1) }
        // Cholesky of the lower triangle, in place.
        for c in 0..<n {
            var d = a[c * n + c]
            for q in 0..<c { d -= a[c * n + q] * a[c * n + q] }
            guard d > 0, d.isFinite else { throw .tooFewPixels(spectrum: 0, good: used, required: n + 1) }
            a[c * n + c] = d.squareRoot()
            for r in (c + 1)..<max(c + 1, n) {
                var s = a[r * n + c]
                for q in 0..<c { s -= a[r * n + q] * a[c * n + q] }
                a[r * n + c] = s / a[c * n + c]
            }
        }
        var y = b
        for r in 0..<n {
            for q in 0..<r { y[r] -= a[r * n + q] * y[q] }
            y[r] /= a[r * n + r]
        }
        for r in stride(from: n - 1, through: 0, by: -1) {
            for q in (r + 1)..<max(r + 1, n) { y[r] -= a[q * n + r] * y[q] }
            y[r] /= a[r * n + r]
        }
        return ContinuumCorrection(coefficients: y)
    }

    /// Divides the spectrum (P entries from `offset`) by P: flux / P, ivar P^2. Pixels where P is not
    /// positive are made bad (ivar 0).
    public func apply(flux: inout [Float], ivar: inout [Float], offset: Int, count p: Int) {
        let values = values(count: p)
        for j in 0..<p {
            let c = values[j]
            guard c > 0, c.isFinite else { ivar[offset + j] = 0; continue }
            flux[offset + j] = Float(Double(flux[offset + j]) / c)
            ivar[offset + j] = Float(Double(ivar[offset + j]) * c * c)
        }
    }
}
