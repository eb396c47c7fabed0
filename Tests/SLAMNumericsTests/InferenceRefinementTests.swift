@testable import SLAMNumerics
import Testing

@Suite("SLAM label refinement with MINPACK lmder")
struct InferenceRefinementTests {
    static let problem = InferenceTestProblem()
    static let exactProblem = InferenceTestProblem(trainingStars: 200, pixels: 100, seed: 5, modelVariance: 0)

    static func spectra(_ problem: InferenceTestProblem, labels: [Double], count: Int, snr: Double,
                        seed: UInt64?) -> (flux: [Float], ivar: [Float]) {
        var rng = SplitMix64(seed: seed ?? 0)
        var flux: [Float] = [], ivar: [Float] = []
        for s in 0..<count {
            let truth = InferenceTestProblem.trueFlux(labels: Array(labels[(s * 3)..<(s * 3 + 3)]), wavelength: problem.wavelength)
            for f in truth {
                flux.append(Float(f + (seed == nil ? 0 : rng.normal() / snr)))
                ivar.append(Float(snr * snr))
            }
        }
        return (flux, ivar)
    }

    @Test(arguments: [PredictionOptions.Precision.single, .double])
    func recoversLabelsOfNoiselessSpectraToOnePercentOfTheRange(precision: PredictionOptions.Precision) throws {
        let problem = Self.problem
        var options = PredictionOptions()
        options.precision = precision
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let templates = try problem.templates(for: predictor)
        var rng = SplitMix64(seed: 99)
        let m = 20
        let truth = InferenceTestProblem.randomLabels(count: m, rng: &rng, inset: 0.1)
        let (flux, ivar) = Self.spectra(problem, labels: truth, count: m, snr: 1000, seed: nil)
        let results = try predictor.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        for s in 0..<m {
            let fit = try results[s].get()
            for c in 0..<3 {
                #expect(abs(fit.labels[c] - truth[s * 3 + c]) < 0.01 * InferenceTestProblem.range[c],
                        "spectrum \(s) label \(c): \(fit.labels[c]) vs \(truth[s * 3 + c])")
            }
            #expect(fit.chiSquare <= fit.firstGuessChiSquare)
            #expect(fit.status.isConverged)
            #expect(fit.pixelsUsed == problem.pixels)
        }
    }

    @Test func formalErrorsScaleAsInverseSignalToNoise() throws {
        let problem = Self.exactProblem
        var options = PredictionOptions()
        options.precision = .double
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let truth = [4700.0, 2.4, -0.4]
        let model = try predictor.modelSpectrum(labels: truth).map { Float($0) }
        var errors: [[Double]] = []
        for snr in [25.0, 50.0, 100.0] {
            let ivar = [Float](repeating: Float(snr * snr), count: problem.pixels)
            let fit = try predictor.fit(flux: model, ivar: ivar, start: [4500, 2.0, -0.2])
            errors.append(fit.formalErrors)
        }
        for c in 0..<3 {
            #expect(abs(errors[0][c] / errors[1][c] - 2) < 1e-3)
            #expect(abs(errors[1][c] / errors[2][c] - 2) < 1e-3)
        }
    }

    @Test func formalErrorsMatchTheScatterOfNoisyFits() throws {
        let problem = Self.exactProblem
        var options = PredictionOptions()
        options.precision = .double
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let truth = [4800.0, 2.2, -0.5]
        let model = try predictor.modelSpectrum(labels: truth)
        var rng = SplitMix64(seed: 3)
        let snr = 40.0
        var pulls: [[Double]] = [[], [], []]
        for _ in 0..<200 {
            let flux = model.map { Float($0 + rng.normal() / snr) }
            let ivar = [Float](repeating: Float(snr * snr), count: problem.pixels)
            let fit = try predictor.fit(flux: flux, ivar: ivar, start: [4600, 2.0, -0.3])
            for c in 0..<3 { pulls[c].append((fit.labels[c] - truth[c]) / fit.formalErrors[c]) }
        }
        for c in 0..<3 {
            let mean = pulls[c].reduce(0, +) / Double(pulls[c].count)
            let sd = (pulls[c].map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(pulls[c].count - 1)).squareRoot()
            #expect(abs(mean) < 0.25)
            #expect(sd > 0.8 && sd < 1.2, "label \(c): pull scatter \(sd)")
        }
    }

    @Test func refinementNeverEndsAboveItsStartingChiSquare() throws {
        let problem = Self.problem
        let predictor = try SLAMPredictor(model: problem.model)
        var rng = SplitMix64(seed: 17)
        for trial in 0..<30 {
            let truth = InferenceTestProblem.randomLabels(count: 1, rng: &rng)
            let start = InferenceTestProblem.randomLabels(count: 1, rng: &rng)
            let (flux, ivar) = Self.spectra(problem, labels: truth, count: 1, snr: 5 + Double(trial), seed: UInt64(trial))
            let fit = try predictor.fit(flux: flux, ivar: ivar, start: start)
            #expect(fit.chiSquare <= fit.firstGuessChiSquare)
            if fit.flags.contains(.keptFirstGuess) {
                for c in 0..<3 { #expect(abs(fit.labels[c] - start[c]) < 1e-9 * max(1, abs(start[c]))) }
            }
        }
    }

    @Test func labelsBeyondTheTrainingRangeAreFlaggedNotClipped() throws {
        let problem = Self.exactProblem
        var options = PredictionOptions()
        options.precision = .double
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let teffMax = predictor.labelScaler.inverse(predictor.trainingMaximum[0], column: 0)
        let truth = [teffMax + 200, 2.2, -0.3]
        let flux = try predictor.modelSpectrum(labels: truth).map { Float($0) }
        let ivar = [Float](repeating: 1e4, count: problem.pixels)
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: [teffMax - 100, 2.2, -0.3])
        #expect(fit.flags.contains(.outsideTrainingRange))
        #expect(abs(fit.labels[0] - truth[0]) < 5, "Teff \(fit.labels[0]) vs \(truth[0])")
        let inside = try predictor.fit(flux: try predictor.modelSpectrum(labels: [4700, 2.2, -0.3]).map { Float($0) },
                                       ivar: ivar, start: [4600, 2.0, -0.2])
        #expect(!inside.flags.contains(.outsideTrainingRange))
    }

    @Test func aFitStrandedFarBeyondTheTrainingSetIsFlaggedRanAway() throws {
        let problem = Self.problem
        var options = PredictionOptions()
        options.boundLabels = false
        let predictor = try SLAMPredictor(model: problem.model, options: options)
        let (flux, ivar) = Self.spectra(problem, labels: [4700, 2.2, -0.3], count: 1, snr: 50, seed: 2)
        // Far from every training star the kernels vanish, the model is flat and the fit cannot come back.
        let range = InferenceTestProblem.range
        let start = [InferenceTestProblem.upper[0] + 4 * range[0], 2.2, -0.3]
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: start)
        #expect(fit.flags.contains(.ranAway))
        #expect(fit.flags.contains(.outsideTrainingRange))
        #expect(fit.flags.contains(.farFromTrainingSet))
        #expect(!fit.flags.contains(.atBound))  // no bounds asked for
        #expect(fit.labels[0] > InferenceTestProblem.upper[0] + range[0])  // reported as it is, not clipped
        #expect(fit.chiSquare <= fit.firstGuessChiSquare)
    }

    @Test func badPixelsAreLeftOutAndCounted() throws {
        let problem = Self.problem
        let predictor = try SLAMPredictor(model: problem.model)
        let truth = [4900.0, 2.6, -0.1]
        var (flux, ivar) = Self.spectra(problem, labels: truth, count: 1, snr: 500, seed: nil)
        for j in 0..<20 { flux[j] = .nan }
        for j in 20..<30 { ivar[j] = 0 }
        ivar[30] = .infinity
        flux[31] = 1e30  // a wild value with zero weight must not matter
        ivar[31] = -1
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: [4700, 2.2, -0.3])
        #expect(fit.pixelsUsed == problem.pixels - 32)
        #expect(fit.flags.contains(.fewPixels))
        for c in 0..<3 { #expect(abs(fit.labels[c] - truth[c]) < 0.02 * InferenceTestProblem.range[c]) }
    }

    @Test func aSpectrumUnlikeTheModelIsFlaggedAsPoorFit() throws {
        let problem = Self.problem
        let predictor = try SLAMPredictor(model: problem.model)
        var (flux, ivar) = Self.spectra(problem, labels: [4700, 2.2, -0.3], count: 1, snr: 200, seed: 1)
        for j in 40..<60 { flux[j] *= 0.5 }
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: [4700, 2.2, -0.3])
        #expect(fit.flags.contains(.poorFit))
        #expect(fit.reducedChiSquare > 3)
    }

    @Test func moreStartsNeverGiveAHigherChiSquare() throws {
        let problem = Self.problem
        var one = PredictionOptions(), three = PredictionOptions()
        one.loss = .linear  // the winner is the lowest objective, chi-square only for plain least squares
        three.loss = .linear
        three.starts = 3
        let p1 = try SLAMPredictor(model: problem.model, options: one)
        let p3 = try SLAMPredictor(model: problem.model, options: three)
        one.starts = 1
        let templates = try TemplateLibrary(modelSpectraOf: p1)
        var rng = SplitMix64(seed: 23)
        let m = 12
        let truth = InferenceTestProblem.randomLabels(count: m, rng: &rng)
        let (flux, ivar) = Self.spectra(problem, labels: truth, count: m, snr: 15, seed: 8)
        let r1 = try p1.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        let r3 = try p3.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        // The same first start is refined in both runs; lockstep rounds of other widths change rounding,
        // and so where within xtol the fit stops: allow 1e-3 in chi2 (a 0.03-sigma shift of the labels).
        for s in 0..<m {
            let a = try r3[s].get().chiSquare, b = try r1[s].get().chiSquare
            #expect(a <= b + 1e-3, "\(a) vs \(b)")
        }
    }

    @Test func predictionIsDeterministicAndIndependentOfWorkerCount() throws {
        let problem = Self.problem
        var serial = PredictionOptions(), parallel = PredictionOptions(), lockstep = PredictionOptions()
        serial.batchSize = 1
        serial.workers = 1
        parallel.batchSize = 1
        parallel.workers = 3
        lockstep.batchSize = 4
        let ps = try SLAMPredictor(model: problem.model, options: serial)
        let pp = try SLAMPredictor(model: problem.model, options: parallel)
        let pl = try SLAMPredictor(model: problem.model, options: lockstep)
        let templates = try TemplateLibrary(modelSpectraOf: ps)
        var rng = SplitMix64(seed: 31)
        let m = 10
        let truth = InferenceTestProblem.randomLabels(count: m, rng: &rng)
        let (flux, ivar) = Self.spectra(problem, labels: truth, count: m, snr: 30, seed: 4)
        let a = try ps.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        let b = try pp.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        #expect(a == b)
        let c = try pl.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        let d = try pl.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        #expect(c == d)
        // Lockstep and one-at-a-time differ by rounding only: far below the formal errors.
        for s in 0..<m {
            let x = try a[s].get(), y = try c[s].get()
            for k in 0..<3 { #expect(abs(x.labels[k] - y.labels[k]) < 0.05 * x.formalErrors[k]) }
        }
    }

    @Test func batchPredictionEqualsSingleFitsFromTheSameStart() throws {
        let problem = Self.problem
        let predictor = try SLAMPredictor(model: problem.model)
        let templates = try TemplateLibrary(modelSpectraOf: predictor)
        var rng = SplitMix64(seed: 37)
        let m = 6
        let truth = InferenceTestProblem.randomLabels(count: m, rng: &rng)
        let (flux, ivar) = Self.spectra(problem, labels: truth, count: m, snr: 60, seed: 9)
        let batch = try predictor.predict(flux: flux, ivar: ivar, count: m, templates: templates)
        for s in 0..<m {
            let fit = try batch[s].get()
            let p = problem.pixels
            let single = try predictor.fit(flux: Array(flux[(s * p)..<((s + 1) * p)]),
                                           ivar: Array(ivar[(s * p)..<((s + 1) * p)]), start: fit.firstGuess)
            // The batch ran in lockstep (one wide product per round), the single fit alone: rounding only,
            // in single-precision model fluxes: at S/N 60 a residual is 1/60 of the flux, so Float rounding
            // of the flux (6e-8) moves each pixel's chi-square term by ~1e-5 relative, and the two paths
            // sum in different orders (measured: up to 3.3e-5 with this machine's OpenBLAS kernels).
            for k in 0..<3 { #expect(abs(single.labels[k] - fit.labels[k]) < 0.05 * fit.formalErrors[k]) }
            #expect(abs(single.chiSquare - fit.chiSquare) < 1e-4 * max(1, fit.chiSquare), "\(single.chiSquare) vs \(fit.chiSquare)")
        }
    }
}
