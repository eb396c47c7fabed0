import Foundation
@testable import SLAMNumerics
import Testing

/// A whole SMO solve: its solution satisfies the epsilon-SVR optimality (KKT) conditions, agrees with libsvm on
/// a small seeded problem, and the final gradient, warm gradient and iteration limit behave as documented.
@Suite struct SMOWorkspaceSolveTests {
    static func solve(kernel: SVRKernelMatrix, y: [Double], caps: [Double], epsilon: Double, tolerance: Double,
                      maxIterations: Int = 1_000_000, shrinking: Bool = true, singlePrecisionBulk: Bool = true,
                      warmStart: [Double]? = nil, warmGradient: [Double]? = nil)
        -> (solution: SVRSolution, gradient: [Double]) {
        kernel.values.withUnsafeBufferPointer { k in
            let w = SMOWorkspace()
            let solution = w.solve(kernel: k.baseAddress!, n: kernel.count, targets: y, caps: caps, epsilon: epsilon,
                                   tolerance: tolerance, shrinking: shrinking, maxIterations: maxIterations,
                                   warmStart: warmStart, warmGradient: warmGradient,
                                   singlePrecisionBulk: singlePrecisionBulk)
            return (solution, w.finalGradient())
        }
    }

    @Test(arguments: [true, false])
    func solutionSatisfiesTheKKTConditions(singlePrecisionBulk: Bool) {
        let n = 60, c = 3.0, epsilon = 0.15
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: 51)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.4)
        let (solution, _) = Self.solve(kernel: kernel, y: y, caps: [Double](repeating: c, count: n), epsilon: epsilon,
                                       tolerance: 1e-9, singlePrecisionBulk: singlePrecisionBulk)
        #expect(solution.converged)
        let f = solution.fittedValues(kernel: kernel)
        let slack = 1e-7
        var free = 0
        for i in 0..<n {
            let beta = solution.coefficients[i], residual = y[i] - f[i]
            #expect(abs(beta) <= c)
            if beta == 0 {
                #expect(abs(residual) <= epsilon + slack)  // inside the tube
            } else if abs(beta) < c {
                free += 1
                #expect(abs(residual - (beta > 0 ? epsilon : -epsilon)) <= slack)  // on its edge
            } else {
                #expect((beta > 0 ? residual : -residual) >= epsilon - slack)  // outside, at the bound
            }
        }
        #expect(free > 0)
        #expect(abs(solution.coefficients.reduce(0, +)) <= 1e-12)
    }

    @Test func smallSeededProblemAgreesWithLibSVM() {
        let n = 40, d = 2, c = 2.0, epsilon = 0.1, gamma = 0.5
        let (points, y) = SVRTestProblems.random(n: n, d: d, seed: 52)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: d, gamma: gamma)
        let (ours, _) = Self.solve(kernel: kernel, y: y, caps: [Double](repeating: c, count: n), epsilon: epsilon,
                                   tolerance: 1e-9)
        let libsvm = LibSVMRegressor(points: points, dimension: d, y: y, c: c, epsilon: epsilon, gamma: gamma,
                                     tolerance: 1e-9)
        // Both sit within 1e-9 of one optimum; the kernels differ by single-precision rounding (1e-7).
        #expect(abs(ours.intercept - libsvm.intercept) <= 1e-4)
        for i in 0..<n { #expect(abs(ours.coefficients[i] - libsvm.coefficients[i]) <= 1e-4) }
    }

    @Test func finalGradientIsKernelTimesCoefficientsMinusTargets() {
        let n = 50
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: 53)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.3)
        let (solution, gradient) = Self.solve(kernel: kernel, y: y, caps: [Double](repeating: 1, count: n),
                                              epsilon: 0.1, tolerance: 1e-6)
        let exact = SMOWorkspaceTests.gradient(kernel: kernel, beta: solution.coefficients, y: y)
        for i in 0..<n { #expect(abs(gradient[i] - exact[i]) <= 1e-10) }
    }

    @Test func aWarmGradientGivesTheSolutionOfTheRecomputedOne() {
        let n = 80
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: 54)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.3)
        let (small, gradient) = Self.solve(kernel: kernel, y: y, caps: [Double](repeating: 1, count: n),
                                           epsilon: 0.1, tolerance: 1e-8)
        let caps = [Double](repeating: 4, count: n)  // a larger C: the previous coefficients fit unscaled
        let (warm, _) = Self.solve(kernel: kernel, y: y, caps: caps, epsilon: 0.1, tolerance: 1e-8,
                                   warmStart: small.coefficients, warmGradient: gradient)
        let (cold, _) = Self.solve(kernel: kernel, y: y, caps: caps, epsilon: 0.1, tolerance: 1e-8)
        #expect(abs(warm.dualObjective - cold.dualObjective) <= 1e-9 * abs(cold.dualObjective))
        #expect(abs(warm.intercept - cold.intercept) <= 1e-6)
    }

    @Test func theIterationLimitEndsAnUnconvergedSolve() {
        let n = 100
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: 55)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.3)
        let (solution, _) = Self.solve(kernel: kernel, y: y, caps: [Double](repeating: 8, count: n), epsilon: 0.05,
                                       tolerance: 1e-9, maxIterations: 5, singlePrecisionBulk: false)
        #expect(!solution.converged)
        #expect(solution.iterations == 5)
        #expect(abs(solution.coefficients.reduce(0, +)) <= 1e-12)  // still feasible
    }
}
