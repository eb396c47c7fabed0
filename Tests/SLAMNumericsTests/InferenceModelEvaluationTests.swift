@testable import SLAMNumerics
import Testing

@Suite("SLAM model evaluation by grouped matrix products")
struct InferenceModelEvaluationTests {
    static let problem = InferenceTestProblem(trainingStars: 150, pixels: 60)

    func predictor(_ precision: PredictionOptions.Precision) throws -> SLAMPredictor {
        var options = PredictionOptions()
        options.precision = precision
        return try SLAMPredictor(model: Self.problem.model, options: options)
    }

    @Test func doublePrecisionModelEqualsDirectSumOfEquation5() throws {
        let problem = Self.problem
        let predictor = try predictor(.double)
        let theta = [0.3, -0.7, 1.1]
        let direct = problem.directModel(standardisedLabels: theta)
        let batch = try predictor.standardisedModel(labels: theta, count: 1, jacobian: false).flux
        for j in 0..<problem.pixels { #expect(abs(batch[j] - direct[j]) < 1e-10) }
    }

    @Test func singlePrecisionModelAgreesWithDoubleToFloatRounding() throws {
        let theta = [-0.4, 0.2, 0.9]
        let single = try predictor(.single).standardisedModel(labels: theta, count: 1, jacobian: true)
        let double = try predictor(.double).standardisedModel(labels: theta, count: 1, jacobian: true)
        // Float rounding of a sum of terms c_ij K_ij (|K| <= 1; Jacobian terms carry |theta - theta_i| < 10).
        let tolerance = 1e-6 * Self.problem.coefficientMass
        for j in single.flux.indices { #expect(abs(single.flux[j] - double.flux[j]) < tolerance) }
        for j in single.jacobian.indices { #expect(abs(single.jacobian[j] - double.jacobian[j]) < 10 * tolerance) }
    }

    @Test func physicalModelSpectrumIsInverseStandardisedFlux() throws {
        let predictor = try predictor(.double)
        let labels = [4600.0, 2.0, -0.2]
        let theta = predictor.standardise(labels: labels)
        let standard = try predictor.standardisedModel(labels: theta, count: 1, jacobian: false).flux
        let physical = try predictor.modelSpectrum(labels: labels)
        for j in physical.indices {
            #expect(abs(physical[j] - predictor.fluxScaler.inverse(standard[j], column: j)) < 1e-12)
        }
    }

    @Test func analyticJacobianMatchesCentralFiniteDifferences() throws {
        let predictor = try predictor(.double)
        let p = predictor.pixelCount, l = predictor.labelCount
        for theta in [[0.3, -0.7, 1.1], [-1.2, 0.4, -0.3], [1.5, 1.5, 1.5]] {
            let jac = try predictor.standardisedModel(labels: theta, count: 1, jacobian: true).jacobian
            let h = 1e-5
            for c in 0..<l {
                var up = theta, down = theta
                up[c] += h; down[c] -= h
                let fu = try predictor.standardisedModel(labels: up, count: 1, jacobian: false).flux
                let fd = try predictor.standardisedModel(labels: down, count: 1, jacobian: false).flux
                for j in 0..<p {
                    let numeric = (fu[j] - fd[j]) / (2 * h)
                    #expect(abs(jac[j * l + c] - numeric) < 1e-6 * max(1, abs(numeric)))
                }
            }
        }
    }

    @Test(arguments: [PredictionOptions.Precision.single, .double])
    func batchEvaluationEqualsOneByOne(precision: PredictionOptions.Precision) throws {
        let predictor = try predictor(precision)
        var rng = SplitMix64(seed: 7)
        let m = SLAMPredictor.evaluationBlock + 6  // crosses a block boundary
        let labels = (0..<(m * 3)).map { _ in 2 * rng.normal() }
        let batch = try predictor.standardisedModel(labels: labels, count: m, jacobian: true)
        let p = predictor.pixelCount, l = predictor.labelCount
        // Not bit for bit: BLAS blocks the sum differently for a wider product. Rounding scale only.
        let epsilon = precision == .single ? 1e-6 : 1e-14
        let tolerance = epsilon * Self.problem.coefficientMass
        for s in 0..<m {
            let one = try predictor.standardisedModel(labels: Array(labels[(s * 3)..<(s * 3 + 3)]), count: 1, jacobian: true)
            for j in 0..<p { #expect(abs(batch.flux[s * p + j] - one.flux[j]) < tolerance) }
            for j in 0..<(p * l) { #expect(abs(batch.jacobian[s * p * l + j] - one.jacobian[j]) < 20 * tolerance) }
        }
    }

    @Test func modelReproducesTheKnownFunctionInsideTheTrainingRange() throws {
        let problem = Self.problem
        let predictor = try predictor(.double)
        var rng = SplitMix64(seed: 11)
        let labels = InferenceTestProblem.randomLabels(count: 5, rng: &rng, inset: 0.1)
        let model = try predictor.modelSpectra(labels: labels, count: 5)
        for s in 0..<5 {
            let truth = InferenceTestProblem.trueFlux(labels: Array(labels[(s * 3)..<(s * 3 + 3)]), wavelength: problem.wavelength)
            for j in 0..<problem.pixels { #expect(abs(model[s * problem.pixels + j] - truth[j]) < 0.01) }
        }
    }

    @Test func badLabelInputsThrowClearErrors() throws {
        let predictor = try predictor(.single)
        #expect(throws: InferenceError.wrongLength(name: "labels", expected: 3, actual: 2)) {
            try predictor.modelSpectrum(labels: [4500, 2])
        }
        #expect(throws: InferenceError.nonFiniteLabels(name: "labels", index: 1)) {
            try predictor.modelSpectrum(labels: [4500, .nan, 0])
        }
    }
}
