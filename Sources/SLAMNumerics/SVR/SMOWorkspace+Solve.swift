/// The next i found while updating the gradient: its position and its violation `-y_i G_i`.
struct SMOChoice {
    var index: Int
    var value: Double
}

extension SMOWorkspace {
    /// The bulk phase stops at this violation (or the requested tolerance, if looser): well above the
    /// rounding of single-precision gradients of order 1-10 (1e-6), so its scans stay meaningful.
    static let singlePrecisionTolerance = 1e-3
    /// Bulk-phase iterations between exact recomputations of the single-precision gradient, which bound
    /// the rounding drift of its updates (about 1e-6 sqrt(iterations)).
    static let resynchronisationInterval = 20_000

    /// Solves one problem on the `n x n` row-major kernel `kernel` (see `EpsilonSVR.solve`); inputs are valid.
    /// With `singlePrecisionBulk`, a single-precision bulk phase runs first and the double-precision phase
    /// finishes from its point; otherwise the whole solve is double precision (libsvm's arithmetic).
    func solve(
        kernel: UnsafePointer<Float>, n: Int, targets: [Double], caps: [Double], epsilon: Double,
        tolerance: Double, shrinking: Bool, maxIterations: Int, warmStart: [Double]?,
        warmGradient: [Double]? = nil, singlePrecisionBulk: Bool = true
    ) -> SVRSolution {
        reserve(n)
        base = kernel
        self.n = n
        eps = epsilon
        m = n
        self.kernel = kernel
        kernelIsCompact = false
        ld = n
        isIdentityOrder = true
        singlePrecision = false
        for k in 0..<n {
            perm[k] = k; y[k] = targets[k]; cap[k] = caps[k]; a[k] = 0; s[k] = 0
        }
        let factor = warmStart.flatMap { applyWarmStart($0) }
        if factor == 1, let warmGradient, warmGradient.count == n {
            // The warm start is taken unscaled, so its gradient (same kernel and targets) is this one.
            for k in 0..<n { g[k] = warmGradient[k]; gf[k] = Float(warmGradient[k]) }
            gradientIsExact = true
        } else {
            recomputeGradient()
        }
        // Points of weight 0 have both offsets -inf: never selected, and shrunk at the first shrinking.
        for p in 0..<n { setOffsets(p) }

        var iterations = 0
        if singlePrecisionBulk {
            singlePrecision = true
            _ = runPhase(tolerance: max(tolerance, Self.singlePrecisionTolerance), shrinking: shrinking,
                         iterations: &iterations, maxIterations: maxIterations)
            singlePrecision = false
            if !isIdentityOrder || m < n { expand() } else if !gradientIsExact { recomputeGradient() }
        }
        let converged = runPhase(tolerance: tolerance, shrinking: shrinking, iterations: &iterations,
                                 maxIterations: maxIterations)
        if !isIdentityOrder || m < n { expand() }
        return finish(iterations: iterations, converged: converged)
    }

    /// SMO iterations in the current precision until the maximal violation is below `tolerance` on the whole
    /// problem (true) or `iterations` reaches `maxIterations` (false).
    private func runPhase(tolerance: Double, shrinking: Bool, iterations: inout Int, maxIterations: Int) -> Bool {
        var counter = min(n, 1000) + 1
        var unshrunk = false
        var pending: SMOChoice? = nil
        var sinceResynchronisation = 0
        while iterations < maxIterations {
            counter -= 1
            if counter == 0 {
                counter = min(n, 1000)
                if shrinking, shrink(tolerance: tolerance, unshrunk: &unshrunk) { pending = nil }
            }
            if singlePrecision, sinceResynchronisation >= Self.resynchronisationInterval {
                resynchroniseSinglePrecisionGradient()
                sinceResynchronisation = 0
                pending = nil
            }
            var pair = selectPair(tolerance: tolerance, pending: pending)
            if pair == nil {
                if !isIdentityOrder || m < n { expand() }
                pair = selectPair(tolerance: tolerance, pending: nil)
                guard pair != nil else { return true }
                counter = 1
            }
            guard let (i, j) = pair else { break }
            iterations += 1
            sinceResynchronisation += 1
            pending = update(i, j)
        }
        return false
    }

    /// Scales a warm start uniformly into the box (keeping `sum beta = 0`) and returns the factor (1: taken as
    /// it is); ignores one that breaks the equality constraint (nil).
    private func applyWarmStart(_ beta: [Double]) -> Double? {
        var factor = 1.0, sum = 0.0, sumAbs = 0.0
        for k in 0..<n where beta[k] != 0 {
            guard beta[k].isFinite else { return nil }
            sum += beta[k]; sumAbs += abs(beta[k])
            factor = cap[k] > 0 ? min(factor, cap[k] / abs(beta[k])) : 0
        }
        guard abs(sum) <= 1e-9 * (sumAbs + 1), factor > 0 else { return nil }
        for k in 0..<n {
            a[k] = min(cap[k], max(beta[k], 0) * factor)
            s[k] = min(cap[k], max(-beta[k], 0) * factor)
        }
        return factor
    }

    /// The gradient `K beta - y` of the last solve, n entries in problem order (exact: recomputed or kept in
    /// double precision by the final phase). Pass it as `warmGradient` with that solve's coefficients as
    /// `warmStart` to a solve on the same kernel and targets with a larger C, to skip recomputing it.
    func finalGradient() -> [Double] {
        precondition(isIdentityOrder && m == n, "the final gradient is read after a solve")
        return Array(UnsafeBufferPointer(start: g, count: n))
    }

    /// WSS3: i maximises `-y_t G_t` over I_up, j minimises `-(b^2)/(2 - 2K_ij)` over I_low with
    /// `b = -y_i G_i + y_j G_j > 0`. Returns nil when the maximal violation is below `tolerance`.
    /// Each element is (position, sign of the variable: +1 for a, -1 for a*).
    private func selectPair(tolerance: Double, pending: SMOChoice?) -> ((Int, Double), (Int, Double))? {
        let imax: Int, jmin: Int
        if singlePrecision {
            let choice = pending ?? singlePrecisionViolations()
            imax = choice.index
            guard imax >= 0, upOffset[imax] > -.infinity else { return nil }
            // The stopping test's max of y G over I_low comes with the second choice (one scan for both).
            let second = singlePrecisionSecondChoice(rowI: row(imax), i: imax, gmax: Float(choice.value))
            guard choice.value + Double(second.lowMax) >= tolerance, second.index >= 0 else { return nil }
            jmin = second.index
        } else {
            var index = -1
            var gmax = -Double.infinity
            if let pending {
                index = pending.index; gmax = pending.value
            } else {
                for k in 0..<m {
                    let v = upOffset[k] - g[k]
                    if v >= gmax { gmax = v; index = k }
                }
            }
            guard index >= 0, upOffset[index] > -.infinity else { return nil }
            let (second, gmax2) = secondChoice(rowI: row(index), gmax: gmax)
            guard gmax + gmax2 >= tolerance, second >= 0 else { return nil }
            imax = index; jmin = second
        }
        let signI: Double = s[imax] > 0 ? -1 : 1
        let signJ: Double = a[jmin] > 0 ? 1 : -1
        return ((imax, signI), (jmin, signJ))
    }
}
