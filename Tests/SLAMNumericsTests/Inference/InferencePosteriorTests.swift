@testable import SLAMNumerics
import Testing

@Suite("SLAM label posterior sampling")
struct InferencePosteriorTests {
    static let problem = InferenceTestProblem(trainingStars: 200, pixels: 100, seed: 5, modelVariance: 0)

    @Test func posteriorPercentilesAgreeWithFormalErrorsForAHighSignalToNoiseStar() throws {
        var options = PredictionOptions()
        options.precision = .double
        let predictor = try SLAMPredictor(model: Self.problem.model, options: options)
        let truth = [4800.0, 2.2, -0.5]
        var rng = SplitMix64(seed: 12)
        let snr = 100.0
        let flux = try predictor.modelSpectrum(labels: truth).map { Float($0 + rng.normal() / snr) }
        let ivar = [Float](repeating: Float(snr * snr), count: Self.problem.pixels)
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: [4700, 2.0, -0.3])
        var settings = EnsembleSamplerSettings()
        settings.walkers = 16
        settings.steps = 700
        settings.burnIn = 200
        let posterior = try predictor.samplePosterior(flux: flux, ivar: ivar, from: fit, settings: settings)
        for c in 0..<3 {
            let ratio = posterior.halfWidth[c] / fit.formalErrors[c]
            #expect(ratio > 0.7 && ratio < 1.3, "label \(c): half-width \(posterior.halfWidth[c]) vs sigma \(fit.formalErrors[c])")
            #expect(abs(posterior.median[c] - fit.labels[c]) < 0.5 * fit.formalErrors[c])
        }
        #expect(posterior.acceptanceFraction > 0.15)
        let again = try predictor.samplePosterior(flux: flux, ivar: ivar, from: fit, settings: settings)
        #expect(again == posterior)
    }

    @Test func aSpectrumWithEveryPixelMaskedIsAClearError() throws {
        let predictor = try SLAMPredictor(model: Self.problem.model)
        let flux = try predictor.modelSpectrum(labels: [4800, 2.2, -0.5]).map { Float($0) }
        let ivar = [Float](repeating: 1e4, count: Self.problem.pixels)
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: [4700, 2.0, -0.3])
        #expect(throws: InferenceError.allPixelsBad(spectrum: 0)) {
            try predictor.samplePosterior(flux: flux, ivar: [Float](repeating: 0, count: Self.problem.pixels), from: fit)
        }
    }
}
