import SLAMNumerics
import Testing

/// What a caller reads off a solution: the support vectors and the fitted values `K beta + b`.
@Suite struct SVRSolutionTests {
    @Test func fittedValuesAreTheKernelWeightedSumPlusTheIntercept() {
        let kernel = SVRKernelMatrix(count: 3, gamma: 1, values: [1, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 1])
        let solution = SVRSolution(coefficients: [2, 0, -1], intercept: 0.5, dualObjective: 0, iterations: 1,
                                   converged: true)
        // (2 - 0.25 + 0.5, 1 - 0.5 + 0.5, 0.5 - 1 + 0.5)
        #expect(solution.fittedValues(kernel: kernel) == [2.25, 1, 0])
    }

    @Test func supportVectorsAreTheNonZeroCoefficients() {
        let solution = SVRSolution(coefficients: [0, 1e-300, -0.0, -3, 0, 2], intercept: 0, dualObjective: 0,
                                   iterations: 0, converged: true)
        #expect(solution.supportVectorCount == 3)
        #expect(SVRSolution(coefficients: [], intercept: 1, dualObjective: 0, iterations: 0, converged: true)
            .fittedValues(kernel: SVRKernelMatrix(count: 0, gamma: 1, values: [])) == [])
    }

    @Test func fittedValuesOfASolvedProblemAreItsPredictionsAtTheTrainingPoints() throws {
        let n = 40
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: 61)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.3)
        let solution = try EpsilonSVR(tolerance: 1e-6).solve(kernel: kernel, targets: y, c: 2, epsilon: 0.1)
        let fitted = solution.fittedValues(kernel: kernel)
        let mass = solution.coefficients.map { abs($0) }.reduce(0, +)
        for i in 0..<n {
            let x = Array(points[(3 * i)..<(3 * i + 3)])
            let direct = SVRTestProblems.predict(solution.coefficients, intercept: solution.intercept, points: points,
                                                 dimension: 3, gamma: 0.3, at: x)
            #expect(abs(fitted[i] - direct) <= 1e-6 * mass)  // single-precision kernel entries
        }
    }
}
