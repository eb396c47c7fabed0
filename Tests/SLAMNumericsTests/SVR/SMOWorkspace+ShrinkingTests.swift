@testable import SLAMNumerics
import Testing

/// Shrinking leaves out only points whose variables all sit at bounds they would not leave, compaction and
/// expansion are inverse, the final intercept is libsvm's rule, and a shrunk solve ends at the unshrunk optimum.
@Suite struct SMOWorkspaceShrinkingTests {
    static let pair = SMOWorkspaceUpdateTests.pair

    @Test func interceptAveragesTheFreeVariablesEdges() {
        // beta = (0.5, -0.5) in the box of C = 1, y = (1, -0.5): g = K beta - y = (-0.75, 0.25), both points free,
        // rho = ((g0 + eps) + (g1 - eps)) / 2 = -0.25. Dual: 0.5 beta K beta + eps |beta| - y beta = 0.125 + 0.1 - 0.75.
        SMOWorkspaceTests.withLoadedWorkspace(kernel: Self.pair, targets: [1, -0.5], caps: [1, 1], epsilon: 0.1,
                                              warmStart: [0.5, -0.5]) { w in
            let solution = w.finish(iterations: 7, converged: true)
            #expect(solution.coefficients == [0.5, -0.5])
            #expect(abs(solution.intercept - 0.25) <= 1e-15)
            #expect(abs(solution.dualObjective + 0.525) <= 1e-15)
            #expect(solution.iterations == 7 && solution.converged)
        }
    }

    @Test func interceptWithoutFreeVariablesIsTheMiddleOfTheBounds() {
        // beta = (1, -1) at the box of C = 1, y = (1, -0.5): g = (-0.5, 0). The a at C and the a* at 0 of point 0
        // give lb = max(g0 + eps, g0 - eps) = -0.4; point 1 gives ub = min(g1 + eps, g1 - eps) = -0.1;
        // rho = -0.25. A third point of weight 0 takes no part.
        let kernel = SVRKernelMatrix(count: 3, gamma: 1, values: [1, 0.5, 0, 0.5, 1, 0, 0, 0, 1])
        SMOWorkspaceTests.withLoadedWorkspace(kernel: kernel, targets: [1, -0.5, 0], caps: [1, 1, 0], epsilon: 0.1,
                                              warmStart: [1, -1, 0]) { w in
            let solution = w.finish(iterations: 0, converged: true)
            #expect(abs(solution.intercept - 0.25) <= 1e-15)
            #expect(solution.coefficients == [1, -1, 0])
        }
    }

    @Test func expandUndoesCompaction() {
        let n = 26
        let (kernel, y, caps, beta) = SMOWorkspaceTests.mixedProblem(n: n, seed: 41)
        let exact = SMOWorkspaceTests.gradient(kernel: kernel, beta: beta, y: y)
        SMOWorkspaceTests.withLoadedWorkspace(kernel: kernel, targets: y, caps: caps, epsilon: 0.1, warmStart: beta) { w in
            w.compact { $0 % 2 == 1 }
            #expect(w.m == 13 && !w.isIdentityOrder)
            #expect((0..<13).map { w.perm[$0] } == Array(stride(from: 1, to: n, by: 2)))
            #expect((13..<n).map { w.perm[$0] } == Array(stride(from: 0, to: n, by: 2)))
            for p in 0..<n { #expect(w.a[p] - w.s[p] == beta[w.perm[p]] && w.y[p] == y[w.perm[p]]) }
            w.expand()
            #expect(w.m == n && w.isIdentityOrder && !w.kernelIsCompact)
            for k in 0..<n {
                #expect(w.perm[k] == k)
                #expect(w.a[k] - w.s[k] == beta[k])
                #expect(abs(w.g[k] - exact[k]) <= 1e-12)
            }
        }
    }

    @Test func shrinkingAtTheOptimumLeavesOutOnlyPointsAtTheirBounds() {
        let n = 200
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: 43)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.3)
        let caps = [Double](repeating: 2, count: n)
        kernel.values.withUnsafeBufferPointer { k in
            let w = SMOWorkspace()
            let solution = w.solve(kernel: k.baseAddress!, n: n, targets: y, caps: caps, epsilon: 0.2, tolerance: 1e-6,
                                   shrinking: false, maxIterations: 1_000_000, warmStart: nil, singlePrecisionBulk: false)
            #expect(solution.converged)
            var unshrunk = true
            let moved = w.shrink(tolerance: 1e-6, unshrunk: &unshrunk)
            #expect(moved)
            #expect(w.m < n)
            for p in w.m..<n {
                let (a, s) = (w.a[p], w.s[p])
                #expect((a == 0 || a == 2) && (s == 0 || s == 2), "point \(w.perm[p]) left out while free")
            }
            let free = (0..<n).filter { (w.a[$0] > 0 && w.a[$0] < 2) || (w.s[$0] > 0 && w.s[$0] < 2) }
            #expect(free.allSatisfy { $0 < w.m })
        }
    }

    @Test func shrunkSinglePrecisionSolveEndsAtTheUnshrunkDoublePrecisionOptimum() throws {
        let n = 300
        let (points, y) = SVRTestProblems.random(n: n, d: 4, seed: 44)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 4, gamma: 0.25)
        var weights = [Double](repeating: 1, count: n)
        for i in stride(from: 0, to: n, by: 9) { weights[i] = 0 }  // shrunk at the first shrinking
        let fast = try EpsilonSVR(tolerance: 1e-8, shrinking: true, singlePrecisionBulk: true)
            .solve(kernel: kernel, targets: y, weights: weights, c: 4, epsilon: 0.1)
        let plain = try EpsilonSVR(tolerance: 1e-8, shrinking: false, singlePrecisionBulk: false)
            .solve(kernel: kernel, targets: y, weights: weights, c: 4, epsilon: 0.1)
        #expect(fast.converged && plain.converged)
        // Both within 1e-8 of the KKT conditions: the same fit (the coefficients of an ill-conditioned kernel
        // may trade off along near-null directions, the fit may not).
        let fitFast = fast.fittedValues(kernel: kernel), fitPlain = plain.fittedValues(kernel: kernel)
        for i in 0..<n { #expect(abs(fitFast[i] - fitPlain[i]) <= 1e-5) }
        #expect(abs(fast.intercept - plain.intercept) <= 1e-5)
        #expect(abs(fast.dualObjective - plain.dualObjective) <= 1e-10 * abs(plain.dualObjective))
    }
}
