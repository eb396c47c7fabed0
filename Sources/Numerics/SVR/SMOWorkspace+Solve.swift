extension SMOWorkspace {
    /// Solves one problem on the `n x n` row-major kernel `kernel` (see `EpsilonSVR.solve`); inputs are valid.
    func solve(
        kernel: UnsafePointer<Float>, n: Int, targets: [Double], caps: [Double], epsilon: Double,
        tolerance: Double, shrinking: Bool, maxIterations: Int, warmStart: [Double]?
    ) -> SVRSolution {
        reserve(n)
        base = kernel
        self.n = n
        eps = epsilon
        m = n
        self.kernel = kernel
        ld = n
        isIdentityOrder = true
        var hasZeroCap = false
        for k in 0..<n {
            perm[k] = k; y[k] = targets[k]; cap[k] = caps[k]; a[k] = 0; s[k] = 0
            if caps[k] == 0 { hasZeroCap = true }
        }
        if let warmStart { applyWarmStart(warmStart) }
        recomputeGradient()
        for p in 0..<n { setOffsets(p) }
        if hasZeroCap { compact { self.cap[$0] > 0 } }

        var iterations = 0
        var counter = min(n, 1000) + 1
        var unshrunk = false
        var converged = false
        var pending: (index: Int, value: Double)? = nil
        while iterations < maxIterations {
            counter -= 1
            if counter == 0 {
                counter = min(n, 1000)
                if shrinking, shrink(tolerance: tolerance, unshrunk: &unshrunk) { pending = nil }
            }
            var pair = selectPair(tolerance: tolerance, pending: pending)
            if pair == nil {
                if !isIdentityOrder || m < n { expand() }
                pair = selectPair(tolerance: tolerance, pending: nil)
                guard pair != nil else { converged = true; break }
                counter = 1
            }
            guard let (i, j) = pair else { break }
            iterations += 1
            pending = update(i, j)
        }
        if !isIdentityOrder || m < n { expand() }
        return finish(iterations: iterations, converged: converged)
    }

    /// Scales a warm start uniformly into the box (keeping `sum beta = 0`); ignores one that breaks the
    /// equality constraint.
    private func applyWarmStart(_ beta: [Double]) {
        var factor = 1.0, sum = 0.0, sumAbs = 0.0
        for k in 0..<n where beta[k] != 0 {
            guard beta[k].isFinite else { return }
            sum += beta[k]; sumAbs += abs(beta[k])
            factor = cap[k] > 0 ? min(factor, cap[k] / abs(beta[k])) : 0
        }
        guard abs(sum) <= 1e-9 * (sumAbs + 1), factor > 0 else { return }
        for k in 0..<n {
            a[k] = min(cap[k], max(beta[k], 0) * factor)
            s[k] = min(cap[k], max(-beta[k], 0) * factor)
        }
    }

    /// WSS3: i maximises `-y_t G_t` over I_up, j minimises `-(b^2)/(2 - 2K_ij)` over I_low with
    /// `b = -y_i G_i + y_j G_j > 0`. Returns nil when the maximal violation is below `tolerance`.
    /// Each element is (position, sign of the variable: +1 for a, -1 for a*).
    private func selectPair(tolerance: Double, pending: (index: Int, value: Double)?) -> ((Int, Double), (Int, Double))? {
        var imax = -1
        var gmax = -Double.infinity
        if let pending {
            imax = pending.index; gmax = pending.value
        } else {
            for k in 0..<m {
                let v = upOffset[k] - g[k]
                if v >= gmax { gmax = v; imax = k }
            }
        }
        guard imax >= 0, upOffset[imax] > -.infinity else { return nil }
        let (jmin, gmax2) = secondChoice(rowI: kernel + imax * ld, gmax: gmax)
        guard gmax + gmax2 >= tolerance, jmin >= 0 else { return nil }
        let signI: Double = s[imax] > 0 ? -1 : 1
        let signJ: Double = a[jmin] > 0 ? 1 : -1
        return ((imax, signI), (jmin, signJ))
    }
}
