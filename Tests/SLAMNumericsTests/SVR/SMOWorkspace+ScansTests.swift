@testable import SLAMNumerics
import Testing

/// The double-precision scans of an SMO iteration give what their definitions give, lane tails included:
/// the gradient update with the next i (largest `-y G` over I_up), and WSS3's second choice.
@Suite struct SMOWorkspaceScansTests {
    /// The reference for both scans on a loaded workspace: (next i, its violation) after adding
    /// `di K_i + dj K_j` to `gradient`, and WSS3's (j, max of y G over I_low) for that i.
    struct Reference {
        var gradient: [Double]
        var next: (index: Int, value: Double)
        var second: (index: Int, gmax2: Double)
    }

    static func reference(_ w: SMOWorkspace, kernel: SVRKernelMatrix, i: Int, di: Double, j: Int, dj: Double,
                          gradient: [Double]) -> Reference {
        let n = w.m
        let g = (0..<n).map { k in gradient[k] + di * Double(kernel[i, k]) + dj * Double(kernel[j, k]) }
        let violations = (0..<n).map { w.upOffset[$0] - g[$0] }
        let next = violations.indices.max { violations[$0] < violations[$1] }!
        let gmax = violations[next]
        var best = -1, bestGain = -Double.infinity
        for k in 0..<n {
            let b = gmax + g[k] + w.lowOffset[k]
            guard b > 0 else { continue }
            var quad = 2 - 2 * Double(kernel[next, k])
            if quad <= 0 { quad = SMOWorkspace.tau }
            if b * b / quad > bestGain { bestGain = b * b / quad; best = k }
        }
        let gmax2 = (0..<n).map { g[$0] + w.lowOffset[$0] }.max()!
        return Reference(gradient: g, next: (next, gmax), second: (best, gmax2))
    }

    @Test(arguments: [5, 23, 50])
    func gradientUpdateAndBothChoicesMatchTheirDefinitions(n: Int) {
        let (kernel, y, caps, beta) = SMOWorkspaceTests.mixedProblem(n: n, seed: UInt64(n))
        SMOWorkspaceTests.withLoadedWorkspace(kernel: kernel, targets: y, caps: caps, epsilon: 0.1, warmStart: beta) { w in
            let before = (0..<n).map { w.g[$0] }
            let (i, j) = (1, n - 2)
            let expected = Self.reference(w, kernel: kernel, i: i, di: 0.3, j: j, dj: -0.3, gradient: before)
            let next = w.updateGradient(rowI: w.row(i), di: 0.3, rowJ: w.row(j), dj: -0.3)
            for k in 0..<n { #expect(abs(w.g[k] - expected.gradient[k]) <= 1e-14 * (1 + abs(expected.gradient[k]))) }
            #expect(next.index == expected.next.index)
            #expect(abs(next.value - expected.next.value) <= 1e-14 * (1 + abs(expected.next.value)))
            let second = w.secondChoice(rowI: w.row(next.index), gmax: next.value)
            #expect(second.index == expected.second.index)
            #expect(abs(second.gmax2 - expected.second.gmax2) <= 1e-14 * (1 + abs(expected.second.gmax2)))
        }
    }

    @Test func noSecondChoiceWhenNoPairViolates() {
        let kernel = SVRKernelMatrix(points: [0, 1, 2, 3, 4, 5], rows: 6, columns: 1, gamma: 0.5)
        SMOWorkspaceTests.withLoadedWorkspace(kernel: kernel, targets: [0, 0, 0, 0, 0, 0], caps: [Double](repeating: 1, count: 6),
                                              epsilon: 0.1) { w in
            // Zero targets at the zero start: g = 0, every I_up violation and every y G over I_low is -eps,
            // so b = -0.2 for every j: no pair violates.
            let second = w.secondChoice(rowI: w.row(0), gmax: -0.1)
            #expect(second.index == -1)
            #expect(abs(second.gmax2 + 0.1) <= 1e-15)
        }
    }
}
