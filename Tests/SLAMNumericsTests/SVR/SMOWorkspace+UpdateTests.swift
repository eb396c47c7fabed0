@testable import SLAMNumerics
import Testing

/// One SMO step solves its two-variable subproblem exactly (clipped to the box), keeps the equality
/// constraint, and leaves the gradient equal to `K beta - y`.
@Suite struct SMOWorkspaceUpdateTests {
    /// Two points with K_01 = 1/2, targets (1, -1), epsilon 0.1. Along the feasible line beta = (t, -t) the dual
    /// is t^2 / 2 + 0.2 |t| - 2 t, least at t = 1.8; the gradient there is K beta - y = (-0.1, 0.1).
    static let pair = SVRKernelMatrix(count: 2, gamma: 1, values: [1, 0.5, 0.5, 1])

    @Test func aPairStepReachesTheOptimumOfItsLine() {
        SMOWorkspaceTests.withLoadedWorkspace(kernel: Self.pair, targets: [1, -1], caps: [10, 10], epsilon: 0.1) { w in
            let next = w.update((0, 1), (1, -1))
            #expect(abs(w.a[0] - 1.8) <= 1e-14 && w.s[0] == 0)
            #expect(abs(w.s[1] - 1.8) <= 1e-14 && w.a[1] == 0)
            #expect(abs(w.g[0] + 0.1) <= 1e-14 && abs(w.g[1] - 0.1) <= 1e-14)
            // Both points are now free on the tube's edge: the largest violation left is 0.
            #expect(abs(next.value) <= 1e-14)
        }
    }

    @Test func aPairStepIsClippedToTheBox() {
        SMOWorkspaceTests.withLoadedWorkspace(kernel: Self.pair, targets: [1, -1], caps: [1, 1], epsilon: 0.1) { w in
            _ = w.update((0, 1), (1, -1))
            #expect(w.a[0] == 1 && w.s[1] == 1)
            #expect(abs(w.g[0] + 0.5) <= 1e-14 && abs(w.g[1] - 0.5) <= 1e-14)
            #expect(w.upOffset[0] == -.infinity && w.lowOffset[1] == -.infinity)  // both at their bound C
        }
    }

    @Test func randomStepsKeepFeasibilityAndNeverRaiseTheObjective() {
        let n = 23
        let (kernel, y, caps, beta) = SMOWorkspaceTests.mixedProblem(n: n, seed: 31)
        let epsilon = 0.1
        SMOWorkspaceTests.withLoadedWorkspace(kernel: kernel, targets: y, caps: caps, epsilon: epsilon, warmStart: beta) { w in
            func objective() -> Double {
                let b = (0..<n).map { w.a[$0] - w.s[$0] }
                let g = SMOWorkspaceTests.gradient(kernel: kernel, beta: b, y: y)
                // 0.5 b^T K b - y^T b + eps sum (a + a*), with K b = g + y.
                return (0..<n).reduce(0.0) { $0 + 0.5 * b[$1] * (g[$1] + y[$1]) - y[$1] * b[$1] + epsilon * (w.a[$1] + w.s[$1]) }
            }
            var rng = SplitMix64(seed: 32)
            var previous = objective()
            for _ in 0..<200 {
                let i = Int(rng.uniform() * Double(n)) % n
                let j = (i + 1 + Int(rng.uniform() * Double(n - 1)) % (n - 1)) % n
                _ = w.update((i, w.s[i] > 0 ? -1 : 1), (j, w.a[j] > 0 ? 1 : -1))
                let current = objective()
                #expect(current <= previous + 1e-12)
                previous = current
            }
            var sum = 0.0
            for k in 0..<n {
                #expect(w.a[k] >= 0 && w.a[k] <= caps[k] && w.s[k] >= 0 && w.s[k] <= caps[k])
                sum += w.a[k] - w.s[k]
            }
            #expect(abs(sum) <= 1e-12)
            let exact = SMOWorkspaceTests.gradient(kernel: kernel, beta: (0..<n).map { w.a[$0] - w.s[$0] }, y: y)
            for k in 0..<n { #expect(abs(w.g[k] - exact[k]) <= 1e-11) }
        }
    }

    @Test func aBulkPhaseStepUpdatesTheSinglePrecisionGradient() {
        SMOWorkspaceTests.withLoadedWorkspace(kernel: Self.pair, targets: [1, -1], caps: [10, 10], epsilon: 0.1) { w in
            w.singlePrecision = true
            _ = w.update((0, 1), (1, -1))
            #expect(abs(w.a[0] - 1.8) <= 1e-6 && abs(w.s[1] - 1.8) <= 1e-6)
            #expect(abs(w.gf[0] + 0.1) <= 1e-6 && abs(w.gf[1] - 0.1) <= 1e-6)
            #expect(w.g[0] == -1 && w.g[1] == 1)  // the double-precision gradient is stale in the bulk phase
            #expect(!w.gradientIsExact)
        }
    }
}
