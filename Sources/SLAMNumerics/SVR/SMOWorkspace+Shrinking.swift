extension SMOWorkspace {
    /// libsvm's `do_shrinking` on points: a point leaves the working set when both its variables sit at a
    /// bound they would not leave (or its weight is 0). Unshrinks once, when the violation first falls below
    /// 10 x tolerance. The working kernel is compacted only when at least a tenth of the points leave, so the
    /// copy pays for itself. Returns whether positions changed.
    func shrink(tolerance: Double, unshrunk: inout Bool) -> Bool {
        var (gmax1, gmax2) = violations()
        var moved = false
        if !unshrunk, gmax1 + gmax2 <= 10 * tolerance {
            unshrunk = true
            if !isIdentityOrder || m < n {
                expand()
                (gmax1, gmax2) = violations()
                moved = true
            }
        }
        var removable = 0
        for p in 0..<m where canShrink(p, gmax1, gmax2) { removable += 1 }
        guard removable > 0, removable * 10 >= m else { return moved }
        compact { !self.canShrink($0, gmax1, gmax2) }
        return true
    }

    /// (max of -y G over I_up, max of y G over I_low) over the working points.
    private func violations() -> (Double, Double) {
        var gmax1 = -Double.infinity, gmax2 = -Double.infinity
        for p in 0..<m {
            let gp = gradient(p)
            gmax1 = max(gmax1, upOffset[p] - gp)
            gmax2 = max(gmax2, gp + lowOffset[p])
        }
        return (gmax1, gmax2)
    }

    private func canShrink(_ p: Int, _ gmax1: Double, _ gmax2: Double) -> Bool {
        let cp = cap[p]
        if cp == 0 { return true }
        let gp = gradient(p), ap = a[p], sp = s[p]
        let plus: Bool
        if ap >= cp { plus = -gp - eps > gmax1 } else if ap <= 0 { plus = gp + eps > gmax2 } else { return false }
        let minus: Bool
        if sp >= cp { minus = gp - eps > gmax2 } else if sp <= 0 { minus = -gp + eps > gmax1 } else { return false }
        return plus && minus
    }

    /// Moves the working points that `keep` accepts to the front (stable), makes them the working set, and
    /// makes the private buffer their kernel (its rows gathered when first used).
    func compact(keep: (Int) -> Bool) {
        var order = [Int]()
        order.reserveCapacity(n)
        var dropped = [Int]()
        for p in 0..<m { if keep(p) { order.append(p) } else { dropped.append(p) } }
        let kept = order.count
        order += dropped
        for p in m..<n { order.append(p) }
        permute(order)
        m = kept
        isIdentityOrder = false
        reserveCompact(max(1, m * m))
        rowGathered.update(repeating: false, count: m)  // rows are gathered on first use (`row(_:)`)
        kernelIsCompact = true
        kernel = UnsafePointer(compactKernel)
        ld = m
    }

    /// Restores the problem order and the full working set, recomputing every gradient from the coefficients.
    func expand() {
        var order = [Int](repeating: 0, count: n)
        for p in 0..<n { order[perm[p]] = p }
        permute(order)
        isIdentityOrder = true
        m = n
        kernelIsCompact = false
        kernel = base
        ld = n
        recomputeGradient()
        for p in 0..<n { setOffsets(p) }
    }

    /// New position q holds old position `order[q]`.
    private func permute(_ order: [Int]) {
        for array in [a, s, g, cap, y, upOffset, lowOffset] {
            for q in 0..<n { scratch[q] = array[order[q]] }
            array.update(from: scratch, count: n)
        }
        for array in [gf, upf, lowf] {
            for q in 0..<n { scratchFloat[q] = array[order[q]] }
            array.update(from: scratchFloat, count: n)
        }
        for q in 0..<n { scratchIndex[q] = perm[order[q]] }
        perm.update(from: scratchIndex, count: n)
    }

    /// Intercept (libsvm's `calculate_rho`) and dual objective, in problem order.
    func finish(iterations: Int, converged: Bool) -> SVRSolution {
        var ub = Double.infinity, lb = -Double.infinity, sumFree = 0.0, free = 0
        var objective = 0.0
        var beta = [Double](repeating: 0, count: n)
        for k in 0..<n where cap[k] > 0 {
            let gk = g[k], ck = cap[k]
            if a[k] >= ck { lb = max(lb, gk + eps) } else if a[k] <= 0 { ub = min(ub, gk + eps) } else {
                free += 1; sumFree += gk + eps
            }
            if s[k] >= ck { ub = min(ub, gk - eps) } else if s[k] <= 0 { lb = max(lb, gk - eps) } else {
                free += 1; sumFree += gk - eps
            }
            beta[k] = a[k] - s[k]
            objective += 0.5 * beta[k] * (gk - y[k]) + eps * (a[k] + s[k])
        }
        let rho: Double
        if free > 0 { rho = sumFree / Double(free) } else if ub.isFinite && lb.isFinite { rho = (ub + lb) / 2 } else { rho = 0 }
        return SVRSolution(coefficients: beta, intercept: -rho, dualObjective: objective,
                           iterations: iterations, converged: converged)
    }
}
