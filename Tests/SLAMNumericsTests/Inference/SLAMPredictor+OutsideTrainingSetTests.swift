@testable import SLAMNumerics
import Testing

/// The outside-training-set statistics of real fits of the synthetic problem: a star like the training
/// stars against one whose lines the model cannot make, and a rule calibrated on the first kind.
@Suite struct SLAMPredictorOutsideTrainingSetTests {
    static let problem = InferenceTestProblem()

    /// Spectra of the true function at `labels` (M x 3) with Gaussian noise at `snr`, and `distort` applied.
    static func spectra(labels: [Double], count: Int, snr: Double, seed: UInt64,
                        distort: (inout [Float]) -> Void = { _ in }) -> (flux: [Float], ivar: [Float]) {
        var (flux, ivar) = InferenceRefinementTests.spectra(problem, labels: labels, count: count, snr: snr, seed: seed)
        distort(&flux)
        return (flux, ivar)
    }

    func predictorAndTemplates() throws -> (SLAMPredictor, TemplateLibrary) {
        let problem = Self.problem
        let predictor = try SLAMPredictor(model: problem.model)
        let templates = try problem.templates(for: predictor)
        return (predictor, templates)
    }

    @Test func statisticsRepeatTheFitsOwnFiguresAndMeasureTheSNR() throws {
        let (predictor, templates) = try predictorAndTemplates()
        let (flux, ivar) = Self.spectra(labels: [4700, 2.2, -0.3], count: 1, snr: 100, seed: 4)
        let fits = try predictor.predict(flux: flux, ivar: ivar, count: 1, templates: templates)
        let fit = try fits[0].get()
        let s = try #require(try predictor.outsideStatistics(fits: fits, flux: flux, ivar: ivar)[0])
        #expect(s.reducedChiSquare == fit.reducedChiSquare)
        #expect(s.neighbourDistance == fit.neighbourDistance)
        #expect(s.firstGuessRatio == fit.firstGuessChiSquare / fit.chiSquare)
        // The flux lies between about 0.6 and 1 at ivar = 100^2: the median |flux| sqrt(ivar) is near 100.
        #expect(s.snr > 80 && s.snr <= 101)
        #expect(predictor.strongLinePixels.count == 12)  // 10% of 120 pixels
    }

    /// A fit with a continuum correction P is judged against the flux it fitted, flux / P: a spectrum whose
    /// pseudo-continuum is off by P, fitted with that P, has the statistics of the spectrum without it.
    @Test func aFitsContinuumCorrectionIsRemovedBeforeItIsJudged() throws {
        let (predictor, templates) = try predictorAndTemplates()
        let p = predictor.pixelCount
        let (flux, ivar) = Self.spectra(labels: [4700, 2.2, -0.3], count: 1, snr: 100, seed: 4)
        let fits = try predictor.predict(flux: flux, ivar: ivar, count: 1, templates: templates)
        let plain = try #require(try predictor.outsideStatistics(fits: fits, flux: flux, ivar: ivar)[0])
        let correction = ContinuumCorrection(coefficients: [1.0, 0.08, -0.05])
        let values = correction.values(count: p)
        let tilted = (0..<p).map { Float(Double(flux[$0]) * values[$0]) }
        let tiltedIvar = (0..<p).map { Float(Double(ivar[$0]) / (values[$0] * values[$0])) }
        var fit = try fits[0].get()
        fit.continuumCorrection = correction.coefficients
        let corrected = try #require(try predictor.outsideStatistics(fits: [.success(fit)], flux: tilted, ivar: tiltedIvar)[0])
        #expect(abs(corrected.lineChiSquare - plain.lineChiSquare) <= 1e-3 * plain.lineChiSquare)
        #expect(abs(corrected.residualTrend - plain.residualTrend) <= 1e-3 * plain.residualTrend)
        #expect(abs(corrected.snr - plain.snr) <= 1e-3 * plain.snr)
        // Without the correction the tilt is a residual: the line chi-square grows.
        fit.continuumCorrection = []
        let uncorrected = try #require(try predictor.outsideStatistics(fits: [.success(fit)], flux: tilted, ivar: tiltedIvar)[0])
        #expect(uncorrected.lineChiSquare > 2 * plain.lineChiSquare)
    }

    @Test func aFailedFitHasNoStatisticsAndWrongShapesThrow() throws {
        let (predictor, _) = try predictorAndTemplates()
        let p = predictor.pixelCount
        let failed: [Result<LabelFit, InferenceError>] = [.failure(.allPixelsBad(spectrum: 0))]
        #expect(try predictor.outsideStatistics(fits: failed, flux: [Float](repeating: 1, count: p),
                                                ivar: [Float](repeating: 0, count: p)) == [nil])
        #expect(throws: InferenceError.wrongLength(name: "flux", expected: p, actual: 3)) {
            try predictor.outsideStatistics(fits: failed, flux: [1, 2, 3], ivar: [Float](repeating: 0, count: p))
        }
    }

    @Test func aRuleCalibratedOnInsideFitsCatchesDistortedStarsAndSparesInsideOnes() throws {
        let (predictor, templates) = try predictorAndTemplates()
        var rng = SplitMix64(seed: 11)
        let n = 200
        let insideLabels = InferenceTestProblem.randomLabels(count: n, rng: &rng, inset: 0.1)
        let calibration = Self.spectra(labels: insideLabels, count: n, snr: 50, seed: 12)
        let insideFits = try predictor.predict(flux: calibration.flux, ivar: calibration.ivar, count: n, templates: templates)
        let inside = try predictor.outsideStatistics(fits: insideFits, flux: calibration.flux, ivar: calibration.ivar).compactMap { $0 }
        let rule = try OutsideTrainingSetRule.calibrate(inside: inside, snrEdges: [0], targetRate: 0.05)
        #expect(try #require(rule.bins[0].falseFlagRate) <= 0.05)

        // New stars of both kinds: inside ones, and ones whose spectrum has a broad depression the model
        // cannot make (a different kind of star). The rule never saw either.
        let m = 100
        let testLabels = InferenceTestProblem.randomLabels(count: m, rng: &rng, inset: 0.1)
        let good = Self.spectra(labels: testLabels, count: m, snr: 50, seed: 13)
        let odd = Self.spectra(labels: testLabels, count: m, snr: 50, seed: 14) { flux in
            for s in 0..<m { for j in 30..<70 { flux[s * 120 + j] *= 0.85 } }
        }
        func flagged(_ data: (flux: [Float], ivar: [Float])) throws -> Int {
            let fits = try predictor.predict(flux: data.flux, ivar: data.ivar, count: m, templates: templates)
            return try predictor.outsideStatistics(fits: fits, flux: data.flux, ivar: data.ivar).filter { $0.map(rule.isOutside) ?? false }.count
        }
        #expect(try flagged(good) <= 12)  // 5% of 100 expected; binomial 3-sigma allowance
        #expect(try flagged(odd) >= 95)
    }
}
