import Foundation
import SLAMNumerics
import Testing

struct EpsilonSVRTests {
    static let tight = EpsilonSVR(tolerance: 1e-9)

    @Test func zeroWeightsEqualDroppingTheSamples() throws {
        let n = 90
        let (points, y) = SVRTestProblems.random(n: n, d: 3, seed: 11)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 3, gamma: 0.3)
        var weights = [Double](repeating: 1, count: n)
        for i in stride(from: 2, to: n, by: 7) { weights[i] = 0 }
        var yWithNaN = y
        yWithNaN[2] = .nan  // ignored: weight 0
        let weighted = try Self.tight.solve(kernel: kernel, targets: yWithNaN, weights: weights, c: 4, epsilon: 0.1)
        let kept = (0..<n).filter { weights[$0] > 0 }
        let dropped = try Self.tight.solve(kernel: kernel.submatrix(kept), targets: kept.map { y[$0] }, c: 4, epsilon: 0.1)
        for i in 0..<n where weights[i] == 0 { #expect(weighted.coefficients[i] == 0) }
        for (r, i) in kept.enumerated() { #expect(abs(weighted.coefficients[i] - dropped.coefficients[r]) <= 1e-6) }
        #expect(abs(weighted.intercept - dropped.intercept) <= 1e-6)
        #expect(abs(weighted.dualObjective - dropped.dualObjective) <= 1e-9 * abs(dropped.dualObjective))
    }

    @Test(arguments: [1.0, 16.0])
    func warmStartGivesTheColdSolution(previousC: Double) throws {
        let n = 150
        let (points, y) = SVRTestProblems.random(n: n, d: 4, seed: 12)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 4, gamma: 0.25)
        let cold = try Self.tight.solve(kernel: kernel, targets: y, c: 4, epsilon: 0.05)
        let previous = try Self.tight.solve(kernel: kernel, targets: y, c: previousC, epsilon: 0.05)
        let warm = try Self.tight.solve(kernel: kernel, targets: y, c: 4, epsilon: 0.05, warmStart: previous.coefficients)
        #expect(abs(warm.dualObjective - cold.dualObjective) <= 1e-9 * abs(cold.dualObjective))
        let fitCold = cold.fittedValues(kernel: kernel), fitWarm = warm.fittedValues(kernel: kernel)
        for i in 0..<n { #expect(abs(fitCold[i] - fitWarm[i]) <= 1e-6) }
        for i in 0..<n { #expect(abs(warm.coefficients[i]) <= 4 + 1e-12) }
    }

    @Test func shrinkingDoesNotChangeTheOptimum() throws {
        let n = 250
        let (points, y) = SVRTestProblems.random(n: n, d: 5, seed: 13)
        let kernel = SVRKernelMatrix(points: points, rows: n, columns: 5, gamma: 0.2)
        let with = try EpsilonSVR(tolerance: 1e-8, shrinking: true).solve(kernel: kernel, targets: y, c: 8, epsilon: 0.1)
        let without = try EpsilonSVR(tolerance: 1e-8, shrinking: false).solve(kernel: kernel, targets: y, c: 8, epsilon: 0.1)
        #expect(abs(with.dualObjective - without.dualObjective) <= 1e-8 * abs(without.dualObjective))
        #expect(abs(with.intercept - without.intercept) <= 1e-5)
    }

    @Test func badInputsThrowNamedErrors() {
        let kernel = SVRKernelMatrix(points: [0, 1, 2], rows: 3, columns: 1, gamma: 1)
        let solver = EpsilonSVR()
        #expect(throws: SVRError.shapeMismatch(what: "targets", expected: 3, actual: 2)) {
            try solver.solve(kernel: kernel, targets: [0, 1], c: 1, epsilon: 0.1)
        }
        #expect(throws: SVRError.invalidHyperparameter(name: "C", value: 0)) {
            try solver.solve(kernel: kernel, targets: [0, 1, 2], c: 0, epsilon: 0.1)
        }
        #expect(throws: SVRError.invalidHyperparameter(name: "epsilon", value: -1)) {
            try solver.solve(kernel: kernel, targets: [0, 1, 2], c: 1, epsilon: -1)
        }
        #expect(throws: SVRError.invalidWeight(index: 1, value: -1)) {
            try solver.solve(kernel: kernel, targets: [0, 1, 2], weights: [1, -1, 1], c: 1, epsilon: 0.1)
        }
        #expect(throws: SVRError.self) {
            try solver.solve(kernel: kernel, targets: [0, .nan, 2], c: 1, epsilon: 0.1)
        }
        #expect(throws: SVRError.invalidTolerance(0)) {
            try EpsilonSVR(tolerance: 0).solve(kernel: kernel, targets: [0, 1, 2], c: 1, epsilon: 0.1)
        }
    }

    @Test func allZeroWeightsGiveTheZeroSolution() throws {
        let kernel = SVRKernelMatrix(points: [0, 1, 2], rows: 3, columns: 1, gamma: 1)
        let solution = try EpsilonSVR().solve(kernel: kernel, targets: [0, 1, 2], weights: [0, 0, 0], c: 1, epsilon: 0.1)
        #expect(solution.coefficients == [0, 0, 0])
        #expect(solution.intercept == 0)
        #expect(solution.converged)
    }

    @Test func kernelMatrixMatchesTheDefinition() {
        let (points, _) = SVRTestProblems.random(n: 30, d: 3, seed: 14)
        let kernel = SVRKernelMatrix(points: points, rows: 30, columns: 3, gamma: 0.4)
        for i in 0..<30 {
            for j in 0..<30 {
                var d2 = 0.0
                for k in 0..<3 { d2 += pow(points[i * 3 + k] - points[j * 3 + k], 2) }
                #expect(abs(Double(kernel[i, j]) - exp(-0.4 * d2)) <= 1e-7)
            }
        }
        let sub = kernel.submatrix([4, 1, 9])
        #expect(sub[0, 2] == kernel[4, 9] && sub[1, 1] == 1 && sub[2, 0] == kernel[9, 4])
    }
}
