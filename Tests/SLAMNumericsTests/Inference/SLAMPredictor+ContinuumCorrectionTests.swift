import Foundation
@testable import SLAMNumerics
import Testing

@Suite struct SLAMPredictorContinuumCorrectionTests {
    /// Labels fitted with the correction on a spectrum whose continuum is 5% too high and tilted recover
    /// the truth far better than the plain fit, which mistakes the offset for deeper lines.
    @Test(arguments: [(ContinuumStart.firstGuess, 1), (.firstGuess, 2), (.plainFit, 2)])
    func predictionWithTheCorrectionUndoesAContinuumOffset(start: ContinuumStart, rounds: Int) throws {
        let problem = InferenceTestProblem()
        var options = PredictionOptions()
        options.continuumDegree = 1
        options.continuumStart = start
        options.continuumRounds = rounds
        let plain = try SLAMPredictor(model: problem.model)
        let corrected = try SLAMPredictor(model: problem.model, options: options)
        let templates = try problem.templates(for: plain)
        var rng = SplitMix64(seed: 5)
        let m = 8
        let truth = InferenceTestProblem.randomLabels(count: m, rng: &rng, inset: 0.2)
        var (flux, ivar) = InferenceRefinementTests.spectra(problem, labels: truth, count: m, snr: 200, seed: 3)
        let offset = ContinuumCorrection(coefficients: [0.95, 0.01])  // the pseudo-continuum 5% too high
        let p = problem.pixels, values = offset.values(count: p)
        for s in 0..<m { for j in 0..<p { flux[s * p + j] *= Float(values[j]); ivar[s * p + j] /= Float(values[j] * values[j]) } }
        let a = try plain.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        let b = try corrected.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        var plainError = 0.0, correctedError = 0.0
        for s in 0..<m {
            let fa = try a[s].get(), fb = try b[s].get()
            #expect(fb.continuumCorrection.count == 2)
            #expect(abs(fb.continuumCorrection[0] - 0.95) < 0.01)
            #expect(fa.continuumCorrection.isEmpty)
            for c in 0..<3 {
                plainError += abs(fa.labels[c] - truth[s * 3 + c]) / InferenceTestProblem.range[c]
                correctedError += abs(fb.labels[c] - truth[s * 3 + c]) / InferenceTestProblem.range[c]
            }
        }
        #expect(correctedError < 0.3 * plainError, "corrected \(correctedError), plain \(plainError)")
    }

    /// From the first guess, one round is: P fitted against the nearest template's model spectrum, then
    /// one first guess and refinement of flux / P. No plain fit is made.
    @Test func oneRoundFromTheFirstGuessFitsTheCorrectionAtTheTemplate() throws {
        let problem = InferenceTestProblem()
        var options = PredictionOptions()
        options.continuumDegree = 1
        options.continuumStart = .firstGuess
        options.continuumRounds = 1
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let templates = try problem.templates(for: predictor)
        var rng = SplitMix64(seed: 14)
        let m = 3, p = problem.pixels, l = problem.model.labelCount
        let truth = InferenceTestProblem.randomLabels(count: m, rng: &rng, inset: 0.2)
        var (flux, ivar) = InferenceRefinementTests.spectra(problem, labels: truth, count: m, snr: 80, seed: 9)
        for j in flux.indices { flux[j] *= 1.04; ivar[j] /= 1.04 * 1.04 }
        let fits = try predictor.predict(flux: flux, ivar: ivar, count: m, templates: templates)

        let guesses = try predictor.firstGuesses(flux: flux, ivar: ivar, count: m, templates: templates)
        let variance = (0..<p).map { j in predictor.modelVariance[j] * predictor.fluxScaler.scale[j] * predictor.fluxScaler.scale[j] }
        var corrected = flux, correctedIvar = ivar
        var corrections: [ContinuumCorrection] = []
        for s in 0..<m {
            let t = try #require(guesses[s].first).template
            let labels = predictor.physical(labels: Array(templates.labels[(t * l)..<((t + 1) * l)]))
            let model = try predictor.modelSpectra(labels: labels, count: 1)
            let correction = try ContinuumCorrection.fit(flux: flux, ivar: ivar, offset: s * p, model: model,
                                                         modelVariance: variance, degree: 1)
            correction.apply(flux: &corrected, ivar: &correctedIvar, offset: s * p, count: p)
            corrections.append(correction)
        }
        let again = try predictor.firstGuesses(flux: corrected, ivar: correctedIvar, count: m, templates: templates)
        let refined = try predictor.refine(flux: corrected, ivar: correctedIvar, count: m, firstGuesses: again, templates: templates)
        for s in 0..<m {
            let fit = try fits[s].get()
            #expect(fit.labels == (try refined[s].get()).labels)
            #expect(fit.continuumCorrection == corrections[s].coefficients)
            #expect(abs(fit.continuumCorrection[0] - 1.04) < 0.01)
        }
    }

    /// From the first guess at least one round is needed (the rounds are the only fit); from the plain
    /// fit, zero rounds is the plain fit.
    @Test func roundsFromTheFirstGuessMustBeAtLeastOne() throws {
        let problem = InferenceTestProblem()
        var options = PredictionOptions()
        options.continuumDegree = 2
        options.continuumRounds = 0
        options.continuumStart = .firstGuess
        #expect(throws: InferenceError.self) { _ = try SLAMPredictor(model: problem.model, options: options) }
        options.continuumStart = .plainFit
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let plain = try SLAMPredictor(model: problem.model)
        let templates = try problem.templates(for: plain)
        var rng = SplitMix64(seed: 15)
        let truth = InferenceTestProblem.randomLabels(count: 2, rng: &rng, inset: 0.2)
        let (flux, ivar) = InferenceRefinementTests.spectra(problem, labels: truth, count: 2, snr: 50, seed: 10)
        let a = try predictor.predict(flux: flux, ivar: ivar, count: 2, templates: templates)
        let b = try plain.predict(flux: flux, ivar: ivar, count: 2, templates: templates)
        for s in 0..<2 { #expect(try a[s].get() == b[s].get()) }
    }

    @Test func noCorrectionLeavesTheFitsAsThePlainPrediction() throws {
        let problem = InferenceTestProblem()
        let predictor = try SLAMPredictor(model: problem.model)
        let templates = try problem.templates(for: predictor)
        var rng = SplitMix64(seed: 8)
        let truth = InferenceTestProblem.randomLabels(count: 3, rng: &rng, inset: 0.2)
        let (flux, ivar) = InferenceRefinementTests.spectra(problem, labels: truth, count: 3, snr: 50, seed: 4)
        let fits = try predictor.predict(flux: flux, ivar: ivar, count: 3, templates: templates)
        let guesses = try predictor.firstGuesses(flux: flux, ivar: ivar, count: 3, templates: templates)
        let refined = try predictor.refine(flux: flux, ivar: ivar, count: 3, firstGuesses: guesses, templates: templates)
        for s in 0..<3 {
            #expect(try fits[s].get() == refined[s].get())
            #expect(try fits[s].get().continuumCorrection.isEmpty)
        }
    }

    @Test func aDegreeOutOfRangeIsRefused() {
        var options = PredictionOptions()
        options.continuumDegree = 11
        #expect(throws: InferenceError.self) { _ = try SLAMPredictor(model: InferenceTestProblem().model, options: options) }
    }

    /// The posterior of a corrected fit is sampled on flux / P: the same as sampling the divided flux
    /// from the same fit without a correction.
    @Test func thePosteriorOfACorrectedFitSamplesTheCorrectedFlux() throws {
        let problem = InferenceTestProblem()
        var options = PredictionOptions()
        options.continuumDegree = 1
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let templates = try problem.templates(for: predictor)
        var rng = SplitMix64(seed: 12)
        let truth = InferenceTestProblem.randomLabels(count: 1, rng: &rng, inset: 0.2)
        var (flux, ivar) = InferenceRefinementTests.spectra(problem, labels: truth, count: 1, snr: 100, seed: 6)
        for j in flux.indices { flux[j] *= 0.96; ivar[j] /= 0.96 * 0.96 }
        let fit = try predictor.predict(flux: flux, ivar: ivar, count: 1, templates: templates)[0].get()
        #expect(fit.continuumCorrection.count == 2)
        var settings = EnsembleSamplerSettings()
        settings.walkers = 8
        settings.steps = 60
        settings.burnIn = 20
        settings.seed = 3
        let corrected = try predictor.samplePosterior(flux: flux, ivar: ivar, from: fit, settings: settings)
        var divided = flux, dividedIvar = ivar
        ContinuumCorrection(coefficients: fit.continuumCorrection).apply(flux: &divided, ivar: &dividedIvar, offset: 0, count: flux.count)
        var plainFit = fit
        plainFit.continuumCorrection = []
        let reference = try predictor.samplePosterior(flux: divided, ivar: dividedIvar, from: plainFit, settings: settings)
        #expect(corrected.median == reference.median)
        #expect(corrected.percentile16 == reference.percentile16)
    }
}
