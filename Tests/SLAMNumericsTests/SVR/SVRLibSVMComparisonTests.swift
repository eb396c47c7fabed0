import Foundation
import SLAMNumerics
import Testing

/// `EpsilonSVR` against libsvm 3.24 (`svm_train`, EPSILON_SVR, RBF) on the same problems, both with a
/// tight stopping tolerance (1e-7): at that tolerance both sit within ~1e-7 of the same optimum, so the dual
/// objectives agree to 1e-6 relative and predictions to 1e-4 standardised units.
struct SVRLibSVMComparisonTests {
    static let tolerance = 1e-7

    /// (n, d, C, epsilon, gamma, seed)
    static let cases: [(Int, Int, Double, Double, Double, UInt64)] = [
        (50, 3, 1, 0.1, 0.3, 1),
        (120, 4, 8, 0.05, 0.25, 2),
        (300, 6, 32, 0.1, 1.0 / 6, 3),
        (400, 5, 0.25, 0.01, 0.5, 4),
        (250, 3, 64, 0.2, 0.1, 5),
        (3000, 6, 1, 0.1, 0.2, 6),
    ]

    @Test(arguments: 0..<cases.count)
    func dualObjectiveAndPredictionsMatchLibSVM(caseIndex: Int) throws {
        let (n, d, c, epsilon, gamma, seed) = Self.cases[caseIndex]
        let (points, y) = SVRTestProblems.random(n: n, d: d, seed: seed)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: d, gamma: gamma)
        let solver = EpsilonSVR(tolerance: Self.tolerance)
        let ours = try solver.solve(kernel: kernel, targets: y, c: c, epsilon: epsilon)
        let reference = LibSVMRegressor(points: points, dimension: d, y: y, c: c, epsilon: epsilon, gamma: gamma,
                                        tolerance: Self.tolerance)
        let theirs = reference.coefficients
        #expect(ours.converged)
        let ourObjective = SVRTestProblems.dualObjective(ours.coefficients, kernel: kernel, y: y, epsilon: epsilon)
        let theirObjective = SVRTestProblems.dualObjective(theirs, kernel: kernel, y: y, epsilon: epsilon)
        #expect(abs(ours.dualObjective - ourObjective) <= 1e-9 * abs(ourObjective))
        #expect(abs(ourObjective - theirObjective) <= 1e-6 * abs(theirObjective))

        var rng = SplitMix64(seed: seed &+ 1000)
        var worst = 0.0
        for _ in 0..<50 {
            let x = (0..<d).map { _ in rng.normal() }
            let f = SVRTestProblems.predict(ours.coefficients, intercept: ours.intercept, points: points,
                                            dimension: d, gamma: gamma, at: x)
            worst = max(worst, abs(f - reference.predict(x)))
        }
        #expect(worst <= 1e-4)
    }

    @Test func sineFitMatchesLibSVM() throws {
        let n = 200
        var rng = SplitMix64(seed: 42)
        let x = (0..<n).map { _ in 6 * rng.uniform() - 3 }
        let y = x.map { sin(2 * $0) + 0.05 * rng.normal() }
        let kernel = SVRKernelMatrix(points: x, rows: n, columns: 1, gamma: 0.5)
        let ours = try EpsilonSVR(tolerance: Self.tolerance).solve(kernel: kernel, targets: y, c: 16, epsilon: 0.05)
        let reference = LibSVMRegressor(points: x, dimension: 1, y: y, c: 16, epsilon: 0.05, gamma: 0.5,
                                        tolerance: Self.tolerance)
        for t in stride(from: -3.0, through: 3.0, by: 0.25) {
            let f = SVRTestProblems.predict(ours.coefficients, intercept: ours.intercept, points: x, dimension: 1,
                                            gamma: 0.5, at: [t])
            #expect(abs(f - reference.predict([t])) <= 1e-4)
            #expect(abs(f - sin(2 * t)) <= 0.15)
        }
    }

    @Test func defaultToleranceStaysCloseToLibSVM() throws {
        let (points, y) = SVRTestProblems.random(n: 300, d: 4, seed: 9)
        let kernel = SVRKernelMatrix(points: points, rows: 300, columns: 4, gamma: 0.25)
        let ours = try EpsilonSVR().solve(kernel: kernel, targets: y, c: 8, epsilon: 0.1)
        let reference = LibSVMRegressor(points: points, dimension: 4, y: y, c: 8, epsilon: 0.1, gamma: 0.25,
                                        tolerance: 1e-3)
        let ourObjective = SVRTestProblems.dualObjective(ours.coefficients, kernel: kernel, y: y, epsilon: 0.1)
        let theirObjective = SVRTestProblems.dualObjective(reference.coefficients, kernel: kernel, y: y, epsilon: 0.1)
        #expect(abs(ourObjective - theirObjective) <= 1e-3 * abs(theirObjective))
    }
}
