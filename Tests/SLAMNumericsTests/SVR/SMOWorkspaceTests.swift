@testable import SLAMNumerics
import Testing

/// The SMO workspace's bookkeeping: the exact gradient `K beta - y`, the bound offsets that put each point's
/// variables in I_up / I_low, and the lazily gathered rows of a compacted kernel.
@Suite struct SMOWorkspaceTests {
    /// Runs `body` on a workspace loaded with a problem and no iteration done (`maxIterations` 0): the state
    /// a solve starts from, with the coefficients of `warmStart` (taken unscaled when it fits the box).
    static func withLoadedWorkspace<R>(
        kernel: SVRKernelMatrix, targets: [Double], caps: [Double], epsilon: Double, warmStart: [Double]? = nil,
        _ body: (SMOWorkspace) throws -> R
    ) rethrows -> R {
        try kernel.values.withUnsafeBufferPointer { k in
            let workspace = SMOWorkspace()
            _ = workspace.solve(kernel: k.baseAddress!, n: kernel.count, targets: targets, caps: caps, epsilon: epsilon,
                                tolerance: 1e-3, shrinking: false, maxIterations: 0, warmStart: warmStart,
                                singlePrecisionBulk: false)
            return try body(workspace)
        }
    }

    /// A seeded problem of n points with coefficients spread over every bound case: zero, free a, free a*,
    /// a at C, a* at C (inside the box of C = 1).
    static func mixedProblem(n: Int, seed: UInt64) -> (kernel: SVRKernelMatrix, y: [Double], caps: [Double], beta: [Double]) {
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: seed)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.3)
        // Whole groups of five points (0, r, -r, 1, -1): the sum is exactly zero, so the warm start is taken as it is.
        var beta = [Double](repeating: 0, count: n)
        var rng = SplitMix64(seed: seed &+ 7)
        for start in stride(from: 0, to: n - 4, by: 5) {
            let r = 0.1 + 0.8 * rng.uniform()
            beta[start + 1] = r
            beta[start + 2] = -r
            beta[start + 3] = 1
            beta[start + 4] = -1
        }
        return (kernel, y, [Double](repeating: 1, count: n), beta)
    }

    /// `K beta - y` in double precision from the single-precision kernel.
    static func gradient(kernel: SVRKernelMatrix, beta: [Double], y: [Double]) -> [Double] {
        let n = kernel.count
        return (0..<n).map { i in (0..<n).reduce(-y[i]) { $0 + Double(kernel[i, $1]) * beta[$1] } }
    }

    @Test func gradientIsKernelTimesCoefficientsMinusTargets() {
        let (kernel, y, caps, beta) = Self.mixedProblem(n: 21, seed: 4)
        let expected = Self.gradient(kernel: kernel, beta: beta, y: y)
        Self.withLoadedWorkspace(kernel: kernel, targets: y, caps: caps, epsilon: 0.1, warmStart: beta) { w in
            for i in 0..<21 {
                #expect(abs(w.a[i] - w.s[i] - beta[i]) <= 1e-15)
                #expect(abs(w.g[i] - expected[i]) <= 1e-12)
                #expect(w.gf[i] == Float(w.g[i]))
            }
            #expect(w.gradientIsExact)
        }
    }

    @Test func offsetsPlaceEachVariableInTheUpAndLowSets() {
        // Per point: (a, a*) = (0, 0), (0.5, 0), (0, 0.5), (1, 0), (0, 1) with C = 1 and epsilon 0.25.
        let kernel = SVRKernelMatrix(count: 5, gamma: 1, values: (0..<25).map { $0 % 6 == 0 ? 1 : 0 })
        let beta = [0, 0.5, -0.5, 1, -1]
        Self.withLoadedWorkspace(kernel: kernel, targets: [0, 0, 0, 0, 0], caps: [1, 1, 1, 1, 1], epsilon: 0.25,
                                 warmStart: beta) { w in
            // -y G of the I_up variable is upOffset - g: a (G = g + eps) can grow below C, a* (G = -g + eps) above 0.
            let up = (0..<5).map { w.upOffset[$0] }, low = (0..<5).map { w.lowOffset[$0] }
            #expect(up == [-0.25, -0.25, 0.25, -.infinity, 0.25])
            #expect(low == [-0.25, 0.25, -0.25, 0.25, -.infinity])
            #expect((0..<5).map { w.upf[$0] } == up.map(Float.init))
            #expect((0..<5).map { w.lowf[$0] } == low.map(Float.init))
        }
    }

    @Test func resynchronisationRemovesTheDriftOfTheSinglePrecisionGradient() {
        let (kernel, y, caps, beta) = Self.mixedProblem(n: 30, seed: 5)
        let expected = Self.gradient(kernel: kernel, beta: beta, y: y)
        Self.withLoadedWorkspace(kernel: kernel, targets: y, caps: caps, epsilon: 0.1, warmStart: beta) { w in
            for i in 0..<30 { w.gf[i] += 0.01 * Float(i % 3) }
            w.compact { $0 % 4 != 0 }  // any order, any working set
            w.resynchroniseSinglePrecisionGradient()
            for p in 0..<w.m { #expect(abs(Double(w.gf[p]) - expected[w.perm[p]]) <= 1e-6 * (1 + abs(expected[w.perm[p]]))) }
        }
    }

    @Test func compactedRowsAreGatheredFromTheBaseKernelInWorkingOrder() {
        let (kernel, y, caps, beta) = Self.mixedProblem(n: 17, seed: 6)
        Self.withLoadedWorkspace(kernel: kernel, targets: y, caps: caps, epsilon: 0.1, warmStart: beta) { w in
            w.compact { $0 % 3 != 1 }
            #expect(w.kernelIsCompact && w.ld == w.m)
            for p in stride(from: w.m - 1, through: 0, by: -1) {
                let row = w.row(p)
                for q in 0..<w.m { #expect(row[q] == kernel[w.perm[p], w.perm[q]]) }
            }
        }
    }

    @Test func reserveOnlyGrows() {
        let workspace = SMOWorkspace()
        workspace.reserve(40)
        #expect(workspace.capacity == 40)
        workspace.reserve(10)
        #expect(workspace.capacity == 40)
    }
}
