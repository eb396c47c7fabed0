import Foundation
@testable import SLAMNumerics
import Testing

/// Model flux and Jacobian by the grouped matrix products equal the RBF sums worked out by hand.
@Suite struct SLAMKernelEvaluatorEvaluateTests {
    static let ln2 = log(2.0)

    /// Grouped order is (pixel 1, pixel 0). At theta = (1, 0): pixel 1 is 3/2 - 1/2 + 1/4 = 1.25 with
    /// gradient -2 ln2 (3/2 (1, 0) - 1/2 (0, -1)) = (-3 ln2, -ln2); pixel 0 is 1/4 + 1/4 = 0.5 with gradient
    /// -2 ln4 (1/4 (1, 0) + 1/4 (0, -1)) = (-ln2, ln2). At theta = (0, 0) the distances are 0 and 2: pixel 1
    /// is 3 - 1/4 + 1/4 = 3, gradient (-ln2 / 2, -ln2 / 2); pixel 0 is 1 + 1/16, gradient (ln2 / 4, ln2 / 4).
    static let atOneZero = (flux: [1.25, 0.5], jacobian: [-3 * ln2, -ln2, -ln2, ln2])
    static let atOrigin = (flux: [3.0, 1.0625], jacobian: [-ln2 / 2, -ln2 / 2, ln2 / 4, ln2 / 4])

    static func evaluate(_ thetas: [Double], precision: PredictionOptions.Precision, jacobian: Bool = true,
                         rows: [[Range<Int>]]? = nil, buffers: SLAMKernelBuffers = SLAMKernelBuffers())
        -> SLAMKernelBuffers {
        let evaluator = SLAMKernelEvaluator(model: SLAMKernelEvaluatorTests.handModel(), precision: precision)
        thetas.withUnsafeBufferPointer {
            evaluator.evaluate(thetas: $0, count: thetas.count / 2, jacobian: jacobian, rows: rows, buffers: buffers)
        }
        return buffers
    }

    @Test(arguments: [(PredictionOptions.Precision.double, 1e-14), (.single, 1e-6)])
    func oneLabelVectorGivesTheHandComputedFluxAndJacobian(precision: PredictionOptions.Precision, tolerance: Double) {
        let out = Self.evaluate([1, 0], precision: precision)
        for q in 0..<2 { #expect(abs(out.flux[q] - Self.atOneZero.flux[q]) <= tolerance) }
        for k in 0..<4 { #expect(abs(out.jacobian[k] - Self.atOneZero.jacobian[k]) <= tolerance) }
    }

    @Test func stackedLabelVectorsGiveEachItsOwnColumns() {
        let out = Self.evaluate([1, 0, 0, 0], precision: .double)
        let flux = Self.atOneZero.flux + Self.atOrigin.flux
        let jacobian = Self.atOneZero.jacobian + Self.atOrigin.jacobian
        for k in 0..<4 { #expect(abs(out.flux[k] - flux[k]) <= 1e-14) }
        for k in 0..<8 { #expect(abs(out.jacobian[k] - jacobian[k]) <= 1e-14) }
    }

    @Test func fluxAloneLeavesTheJacobianBufferAlone() {
        let buffers = SLAMKernelBuffers()
        buffers.jacobian = [7, 7, 7, 7]
        let out = Self.evaluate([1, 0], precision: .double, jacobian: false, buffers: buffers)
        #expect(abs(out.flux[0] - 1.25) <= 1e-14 && abs(out.flux[1] - 0.5) <= 1e-14)
        #expect(out.jacobian == [7, 7, 7, 7])
    }

    @Test func pixelsOutsideTheRequestedRowsKeepTheirOldOutputs() {
        let buffers = SLAMKernelBuffers()
        buffers.flux = [-9, -9]
        buffers.jacobian = [-9, -9, -9, -9]
        // Group 0 (gamma ln 2, grouped position 0) computed; group 1 (position 1) skipped.
        let out = Self.evaluate([1, 0], precision: .double, rows: [[0..<1], []], buffers: buffers)
        #expect(abs(out.flux[0] - 1.25) <= 1e-14)
        #expect(out.flux[1] == -9)
        #expect(abs(out.jacobian[0] + 3 * Self.ln2) <= 1e-14 && abs(out.jacobian[1] + Self.ln2) <= 1e-14)
        #expect(Array(out.jacobian[2..<4]) == [-9, -9])
    }

    @Test(arguments: [PredictionOptions.Precision.double, .single])
    func largerModelMatchesTheDirectSumOfEquationFive(precision: PredictionOptions.Precision) {
        let problem = InferenceTestProblem(trainingStars: 80, pixels: 30, seed: 5, lambda: 1e-3)
        let evaluator = SLAMKernelEvaluator(model: problem.model, precision: precision)
        var rng = SplitMix64(seed: 17)
        let theta = (0..<3).map { _ in rng.normal() * 0.8 }
        let buffers = SLAMKernelBuffers()
        theta.withUnsafeBufferPointer {
            evaluator.evaluate(thetas: $0, count: 1, jacobian: false, rows: nil, buffers: buffers)
        }
        let direct = problem.directModel(standardisedLabels: theta)
        // Float coefficients and kernel values: relative rounding 1e-7 of the summed magnitudes.
        let tolerance = precision == .double ? 1e-10 * problem.coefficientMass : 1e-6 * problem.coefficientMass
        for j in 0..<problem.pixels {
            #expect(abs(buffers.flux[evaluator.position[j]] - direct[j]) <= tolerance)
        }
    }
}
