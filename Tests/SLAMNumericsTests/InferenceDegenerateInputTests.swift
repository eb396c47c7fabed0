@testable import SLAMNumerics
import Testing

@Suite("SLAM inference rejects degenerate inputs with clear errors")
struct InferenceDegenerateInputTests {
    static let problem = InferenceTestProblem(trainingStars: 60, pixels: 40)

    @Test func aModelWithoutTrainingStarsIsRejected() {
        let m = Self.problem.model
        let empty = SLAMModel(labelNames: m.labelNames, wavelength: m.wavelength, labelScaler: m.labelScaler,
                              fluxScaler: m.fluxScaler, trainingLabels: [], coefficients: [], intercept: m.intercept,
                              hyperparameters: m.hyperparameters, crossValidatedMSE: m.crossValidatedMSE)
        #expect(throws: InferenceError.emptyModel(trainingStars: 0, labels: 3, pixels: 40)) {
            try SLAMPredictor(model: empty)
        }
    }

    @Test func aModelWithANonPositiveGammaOrNaNCoefficientIsRejected() {
        var model = Self.problem.model
        model.hyperparameters[7].gamma = 0
        #expect(throws: InferenceError.invalidModel(field: "hyperparameters.gamma", index: 7, value: 0)) {
            try SLAMPredictor(model: model)
        }
        model = Self.problem.model
        model.coefficients[5] = .nan
        #expect(throws: (any Error).self) { try SLAMPredictor(model: model) }
        model = Self.problem.model
        model.crossValidatedMSE[3] = -1
        #expect(throws: InferenceError.invalidModel(field: "crossValidatedMSE", index: 3, value: -1)) {
            try SLAMPredictor(model: model)
        }
    }

    @Test func aPixelTheTrainerCouldNotFitGetsZeroWeight() throws {
        var model = Self.problem.model
        model.crossValidatedMSE[3] = .infinity
        let predictor = try SLAMPredictor(model: model)
        let p = predictor.pixelCount
        let fit = try predictor.fit(flux: [Float](repeating: 1, count: p), ivar: [Float](repeating: 100, count: p),
                                    start: [4500, 2, -0.5])
        #expect(fit.pixelsUsed == p - 1)
        #expect(fit.labels.allSatisfy { $0.isFinite })
    }

    @Test func allBadPixelsWrongLengthsAndNaNStartsThrow() throws {
        let predictor = try SLAMPredictor(model: Self.problem.model)
        let p = predictor.pixelCount
        let good = [Float](repeating: 1, count: p), ivar = [Float](repeating: 100, count: p)
        #expect(throws: InferenceError.allPixelsBad(spectrum: 0)) {
            try predictor.fit(flux: [Float](repeating: .nan, count: p), ivar: ivar, start: [4500, 2, -0.5])
        }
        #expect(throws: InferenceError.allPixelsBad(spectrum: 0)) {
            try predictor.fit(flux: good, ivar: [Float](repeating: 0, count: p), start: [4500, 2, -0.5])
        }
        var few = [Float](repeating: 0, count: p)
        for j in 0..<5 { few[j] = 100 }
        #expect(throws: InferenceError.tooFewPixels(spectrum: 0, good: 5, required: 10)) {
            try predictor.fit(flux: good, ivar: few, start: [4500, 2, -0.5])
        }
        #expect(throws: InferenceError.wrongLength(name: "flux", expected: p, actual: p - 1)) {
            try predictor.fit(flux: Array(good.dropLast()), ivar: ivar, start: [4500, 2, -0.5])
        }
        #expect(throws: InferenceError.wrongLength(name: "start", expected: 3, actual: 2)) {
            try predictor.fit(flux: good, ivar: ivar, start: [4500, 2])
        }
        #expect(throws: InferenceError.nonFiniteLabels(name: "start", index: 2)) {
            try predictor.fit(flux: good, ivar: ivar, start: [4500, 2, .infinity])
        }
    }

    @Test func aBadSpectrumInABatchFailsAloneAndTheOthersAreFitted() throws {
        let problem = Self.problem
        let predictor = try SLAMPredictor(model: problem.model)
        let templates = try TemplateLibrary(modelSpectraOf: predictor)
        let p = predictor.pixelCount
        let one = try predictor.modelSpectrum(labels: [4700, 2.2, -0.3]).map { Float($0) }
        let flux = one + [Float](repeating: .nan, count: p) + one
        let ivar = [Float](repeating: 1e4, count: 3 * p)
        let results = try predictor.predict(flux: flux, ivar: ivar, count: 3, templates: templates)
        #expect(throws: InferenceError.allPixelsBad(spectrum: 1)) { try results[1].get() }
        #expect(try results[0].get() == results[2].get())
        #expect(throws: InferenceError.wrongLength(name: "ivar", expected: 3 * p, actual: 2 * p)) {
            try predictor.predict(flux: flux, ivar: Array(ivar.prefix(2 * p)), count: 3, templates: templates)
        }
    }

    @Test func errorsDescribeTheFailingInput() {
        #expect(InferenceError.allPixelsBad(spectrum: 4).description.contains("spectrum 4"))
        #expect(InferenceError.wrongLength(name: "ivar", expected: 10, actual: 9).description == "ivar has 9 entries, expected 10")
    }
}
