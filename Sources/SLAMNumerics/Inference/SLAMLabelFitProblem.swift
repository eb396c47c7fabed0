/// The least-squares problem MINPACK `lmder` sees for one spectrum: residuals
/// r_u = sqrt(w_u) (f_obs,u - f_u(theta)) over the good pixels u, and their Jacobian
/// d r_u / d theta_l = -sqrt(w_u) d f_u / d theta_l, column-major (`fjac[u + l * ldfjac]`).
///
/// Labels are bounded to the box [`lower`, `upper`] (standardised) by evaluating the model at the
/// clamped labels: outside the box the residuals do not change along a clamped label, so its Jacobian
/// column is 0 there. With `transform` set (a robust loss under `SLAMRobustSolver.transform`), lmder
/// sees r~_u = transform(r_u) and Jacobian rows scaled by its slope, so that sum r~_u^2 is the robust
/// objective; under `.reweighting`, `spectrum.sqrtWeight` holds the IRLS-reweighted sqrt(w_u).
///
/// Owned by one task (not Sendable); reached from the C callback through `lmder`'s `void *p`. Every
/// model evaluation also computes the Jacobian (the same matrix product with L more columns), which
/// is cached so that MINPACK's Jacobian request at an accepted point costs no second product.
final class SLAMLabelFitProblem {
    /// Where model evaluations come from.
    enum Source {
        /// Evaluated on this thread, only the spectrum's good pixels, into these buffers.
        case direct(SLAMKernelBuffers)
        /// Requested from a lockstep batch as slot `slot` (all pixels, shared matrix product).
        case lockstep(SLAMLockstepBatch, slot: Int)
    }

    let evaluator: SLAMKernelEvaluator
    let source: Source
    var spectrum: SLAMPreparedSpectrum
    /// Residual Jacobian at `cachedLabels`, m x L column-major.
    private(set) var cachedJacobian: [Double] = []
    private(set) var cachedLabels: [Double] = []
    /// The loss whose residual transform lmder sees; `.linear` for none.
    var transform: SLAMFitLoss = .linear
    /// Untransformed residuals r_u at `cachedLabels`, m entries.
    private(set) var cachedPlainResiduals: [Double] = []
    /// Chi-square (sum of the residuals lmder sees) at the first evaluation (the start), or nil before it.
    var startChiSquare: Double?
    /// sum r_u^2 of the untransformed residuals at the first evaluation, or nil before it.
    var startPlainChiSquare: Double?
    /// Set when the model came out non-finite (the callback then stops `lmder`).
    var sawNonFinite = false

    /// Label bounds (standardised), L entries each; +-infinity for none.
    let lower: [Double]
    let upper: [Double]
    private var clampedTheta: [Double]

    init(evaluator: SLAMKernelEvaluator, source: Source, spectrum: SLAMPreparedSpectrum,
         lower: [Double], upper: [Double]) {
        self.evaluator = evaluator
        self.source = source
        self.spectrum = spectrum
        self.lower = lower
        self.upper = upper
        clampedTheta = [Double](repeating: 0, count: evaluator.labelCount)
    }

    /// Model flux and Jacobian at `theta` clamped into the bounds, grouped pixel order, in the returned buffers.
    private func model(at unclamped: UnsafePointer<Double>) -> SLAMKernelBuffers {
        for c in 0..<evaluator.labelCount { clampedTheta[c] = min(max(unclamped[c], lower[c]), upper[c]) }
        return clampedTheta.withUnsafeBufferPointer { modelClamped(at: $0.baseAddress!) }
    }

    private func modelClamped(at theta: UnsafePointer<Double>) -> SLAMKernelBuffers {
        switch source {
        case .direct(let buffers):
            evaluator.evaluate(thetas: UnsafeBufferPointer(start: theta, count: evaluator.labelCount), count: 1,
                               jacobian: true, rows: spectrum.rows, buffers: buffers)
            return buffers
        case .lockstep(let batch, let slot):
            batch.request(slot: slot, theta: theta)
            return batch.slotBuffers[slot]
        }
    }

    var residualCount: Int { spectrum.used.count }

    /// Evaluates model and Jacobian at `theta` (L standardised labels), writes the residuals into `fvec`
    /// (m entries) and caches the residual Jacobian. Returns false when a value is non-finite.
    @discardableResult
    func evaluate(theta: UnsafePointer<Double>, residuals fvec: UnsafeMutablePointer<Double>) -> Bool {
        let l = evaluator.labelCount, m = residualCount
        let buffers = model(at: theta)
        let free = (0..<l).map { theta[$0] >= lower[$0] && theta[$0] <= upper[$0] ? 1.0 : 0.0 }
        if cachedJacobian.count != m * l { cachedJacobian = [Double](repeating: 0, count: m * l) }
        if cachedPlainResiduals.count != m { cachedPlainResiduals = [Double](repeating: 0, count: m) }
        let loss = transform
        var finite = true
        var chi2 = 0.0, plainChi2 = 0.0
        spectrum.used.withUnsafeBufferPointer { used in
        spectrum.flux.withUnsafeBufferPointer { obs in
        spectrum.sqrtWeight.withUnsafeBufferPointer { sw in
        buffers.flux.withUnsafeBufferPointer { f in
        buffers.jacobian.withUnsafeBufferPointer { jac in
        cachedJacobian.withUnsafeMutableBufferPointer { cj in
        cachedPlainResiduals.withUnsafeMutableBufferPointer { plain in
            for u in 0..<m {
                let q = used[u]
                let r = sw[q] * (obs[q] - f[q])
                plain[u] = r
                plainChi2 += r * r
                let (rt, slope) = loss == .linear ? (r, 1.0) : loss.transform(residual: r)
                fvec[u] = rt
                chi2 += rt * rt
                let scale = -sw[q] * slope
                for c in 0..<l { cj[u + c * m] = scale * jac[q * l + c] * free[c] }
            }
            for v in cj where !v.isFinite { finite = false; break }
        }}}}}}}
        cachedLabels = Array(UnsafeBufferPointer(start: theta, count: l))
        if startChiSquare == nil { startChiSquare = chi2; startPlainChiSquare = plainChi2 }
        if !(finite && chi2.isFinite) { sawNonFinite = true; return false }
        return true
    }

    /// Writes the residual Jacobian at `theta` into `fjac` (column-major, leading dimension `ld`),
    /// from the cache when `theta` is where the model was last evaluated.
    @discardableResult
    func jacobian(theta: UnsafePointer<Double>, into fjac: UnsafeMutablePointer<Double>, ld: Int) -> Bool {
        let l = evaluator.labelCount, m = residualCount
        let cached = cachedLabels.count == l && (0..<l).allSatisfy { cachedLabels[$0] == theta[$0] }
        if !cached {
            var scratch = [Double](repeating: 0, count: m)
            guard scratch.withUnsafeMutableBufferPointer({ evaluate(theta: theta, residuals: $0.baseAddress!) }) else {
                return false
            }
        }
        for c in 0..<l {
            for u in 0..<m { fjac[u + c * ld] = cachedJacobian[u + c * m] }
        }
        return true
    }
}
