import Foundation
@testable import SLAMNumerics
import Testing

@Suite("Robust label fits, several minima and the training-set distance flag")
struct InferenceRobustFitTests {
    static let problem = InferenceTestProblem()

    static func predictor(loss: SLAMFitLoss, solver: SLAMRobustSolver = .transform) throws -> SLAMPredictor {
        var options = PredictionOptions()
        options.loss = loss
        options.robustSolver = solver
        options.robustRounds = 10
        return try SLAMPredictor(model: problem.model, options: options)
    }

    @Test(arguments: [SLAMFitLoss.softL1(scale: 3), .huber(scale: 2), .linear])
    func residualTransformSquaresToTheObjectiveWithItsDerivativeAsSlope(loss: SLAMFitLoss) {
        for r in [-200.0, -7, -2.5, -0.3, 0, 1e-9, 0.8, 2, 3.5, 40, 1e4] {
            let (value, slope) = loss.transform(residual: r)
            let objective = loss.objective(residual: r)
            #expect(abs(value * value - objective) <= 1e-12 * max(1, objective), "r = \(r)")
            #expect(value.sign == r.sign || r == 0)
            let h = 1e-6 * max(1, abs(r))
            let numeric = (loss.transform(residual: r + h).value - loss.transform(residual: r - h).value) / (2 * h)
            #expect(abs(numeric - slope) < 1e-6, "r = \(r): slope \(slope), finite difference \(numeric)")
        }
    }

    /// Both robust solvers minimise the same objective: on spectra hit by cosmic rays they reach the same
    /// labels (IRLS run to convergence), objective, plain chi-square and covariance.
    @Test func transformAndReweightingReachTheSameRobustOptimum() throws {
        for loss in [SLAMFitLoss.softL1(scale: 3), .huber(scale: 2)] {
            let transform = try Self.predictor(loss: loss, solver: .transform)
            let reweighting = try Self.predictor(loss: loss, solver: .reweighting)
            var rng = SplitMix64(seed: 91)
            for _ in 0..<4 {
                let truth = InferenceTestProblem.randomLabels(count: 1, rng: &rng, inset: 0.15)
                var (flux, ivar) = InferenceRefinementTests.spectra(Self.problem, labels: truth, count: 1, snr: 60, seed: rng.next())
                for _ in 0..<6 {
                    let j = Int(rng.next() % UInt64(flux.count))
                    flux[j] += Float(rng.uniform(0.3, 0.8))
                }
                let a = try transform.fit(flux: flux, ivar: ivar, start: truth)
                let b = try reweighting.fit(flux: flux, ivar: ivar, start: truth)
                for c in 0..<3 {
                    #expect(abs(a.labels[c] - b.labels[c]) < 0.05 * b.formalErrors[c], "\(loss.name) label \(c)")
                    #expect(abs(a.formalErrors[c] / b.formalErrors[c] - 1) < 0.02, "\(loss.name) error \(c)")
                }
                #expect(abs(a.chiSquare / b.chiSquare - 1) < 1e-3)
                #expect(a.functionEvaluations < b.functionEvaluations)
            }
        }
    }

    @Test func cosmicRaysMoveRobustLabelsLessThanPlainLabels() throws {
        let plain = try Self.predictor(loss: .linear), robust = try Self.predictor(loss: .softL1(scale: 3))
        var rng = SplitMix64(seed: 77)
        var plainShift = 0.0, robustShift = 0.0
        for _ in 0..<8 {
            let truth = InferenceTestProblem.randomLabels(count: 1, rng: &rng, inset: 0.15)
            let (clean, ivar) = InferenceRefinementTests.spectra(Self.problem, labels: truth, count: 1, snr: 100, seed: rng.next())
            var hit = clean
            for _ in 0..<6 {  // cosmic rays: 30-80 sigma spikes on single pixels
                let j = Int(rng.next() % UInt64(hit.count))
                hit[j] += Float(rng.uniform(0.3, 0.8))
            }
            let start = truth
            for (predictor, shift) in [(plain, 0), (robust, 1)] {
                let a = try predictor.fit(flux: clean, ivar: ivar, start: start)
                let b = try predictor.fit(flux: hit, ivar: ivar, start: start)
                var d = 0.0
                for c in 0..<3 { d += abs(b.labels[c] - a.labels[c]) / InferenceTestProblem.range[c] }
                if shift == 0 { plainShift += d } else { robustShift += d }
            }
        }
        #expect(robustShift < 0.3 * plainShift, "robust shift \(robustShift), plain \(plainShift)")
    }

    @Test func robustAndPlainFitsAgreeOnCleanSpectra() throws {
        let plain = try Self.predictor(loss: .linear), robust = try Self.predictor(loss: .softL1(scale: 3))
        let huber = try Self.predictor(loss: .huber(scale: 2))
        let truth = [4800.0, 2.4, -0.2]
        let (flux, ivar) = InferenceRefinementTests.spectra(Self.problem, labels: truth, count: 1, snr: 80, seed: 4)
        let a = try plain.fit(flux: flux, ivar: ivar, start: truth)
        for predictor in [robust, huber] {
            let b = try predictor.fit(flux: flux, ivar: ivar, start: truth)
            for c in 0..<3 { #expect(abs(b.labels[c] - a.labels[c]) < 0.5 * a.formalErrors[c]) }
            #expect(b.loss == predictor.options.loss)
        }
    }

    @Test func lossNamesRoundTripAndBadScalesAreRejected() throws {
        for loss in [SLAMFitLoss.linear, .softL1(scale: 3), .huber(scale: 1.5)] {
            #expect(SLAMFitLoss(name: loss.name) == loss)
        }
        #expect(SLAMFitLoss.softL1(scale: 3).name == "soft_l1:3")
        #expect(SLAMFitLoss.huber(scale: 1.5).name == "huber:1.5")
        #expect(SLAMFitLoss(name: "soft_l1:-1") == nil)
        #expect(SLAMFitLoss(name: "cauchy:1") == nil)
        var options = PredictionOptions()
        options.loss = .huber(scale: 0)
        #expect(throws: InferenceError.invalidOption(name: "options.loss.scale", value: 0)) {
            try SLAMPredictor(model: Self.problem.model, options: options)
        }
    }

    @Test func starsBeyondTheTrainingRangeAreFlagged() throws {
        let predictor = try Self.predictor(loss: .softL1(scale: 3))
        let range = InferenceTestProblem.range, upper = InferenceTestProblem.upper
        let truth = [upper[0] + 0.3 * range[0], 2.2, upper[2] + 0.3 * range[2]]
        let (flux, ivar) = InferenceRefinementTests.spectra(Self.problem, labels: truth, count: 1, snr: 100, seed: 5)
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: [upper[0], 2.2, upper[2]])
        #expect(!fit.flags.intersection([.outsideTrainingRange, .farFromTrainingSet]).isEmpty)
        let inside = try predictor.fit(flux: InferenceRefinementTests.spectra(Self.problem, labels: [4700, 2.2, -0.3], count: 1, snr: 100, seed: 6).flux,
                                       ivar: ivar, start: [4700, 2.2, -0.3])
        #expect(inside.flags.intersection([.outsideTrainingRange, .farFromTrainingSet]).isEmpty)
        #expect(inside.neighbourDistance < fit.neighbourDistance)
    }

    @Test func aHoleInsideTheTrainingRangeIsFlaggedFarFromTheTrainingSet() throws {
        // Training labels on a 2-D grid with the middle missing: the per-label range test cannot see it.
        var labels: [Double] = []
        for a in stride(from: -1.0, through: 1.0001, by: 0.1) {
            for b in stride(from: -1.0, through: 1.0001, by: 0.1) where a * a + b * b > 0.36 { labels += [a, b] }
        }
        let wavelength = (0..<40).map { 5000 + Double($0) }
        let model = KernelRidgeTestModel.make(labels: labels, labelNames: ["x", "y"], wavelength: wavelength, gamma: 1) { x in
            wavelength.map { 1 - 0.3 * (1 + 0.5 * x[0]) * exp(-0.5 * pow(($0 - 5015 - 3 * x[1]) / 2, 2)) }
        }
        let predictor = try SLAMPredictor(model: model)
        let ivar = [Float](repeating: 1e4, count: wavelength.count)
        let centre = try predictor.fit(flux: try predictor.modelSpectrum(labels: [0, 0]).map { Float($0) }, ivar: ivar, start: [0, 0])
        #expect(centre.flags.contains(.farFromTrainingSet))
        #expect(!centre.flags.contains(.outsideTrainingRange))
        let edge = try predictor.fit(flux: try predictor.modelSpectrum(labels: [0.8, 0.1]).map { Float($0) }, ivar: ivar, start: [0.8, 0.1])
        #expect(!edge.flags.contains(.farFromTrainingSet))
    }

    @Test func anAmbiguousProblemIsFlaggedWithSeveralMinima() throws {
        // Flux depends on x only through x^2 (plus a weak y term): +x and -x fit equally well.
        var labels: [Double] = []
        for a in stride(from: -1.0, through: 1.0001, by: 0.1) { for b in stride(from: -1.0, through: 1.0001, by: 0.25) { labels += [a, b] } }
        let wavelength = (0..<40).map { 5000 + Double($0) }
        let model = KernelRidgeTestModel.make(labels: labels, labelNames: ["x", "y"], wavelength: wavelength, gamma: 1) { x in
            wavelength.map { 1 - (0.1 + 0.3 * x[0] * x[0]) * exp(-0.5 * pow(($0 - 5015) / 2, 2)) - 0.1 * x[1] * exp(-0.5 * pow(($0 - 5028) / 2, 2)) }
        }
        var options = PredictionOptions()
        options.precision = .double
        let predictor = try SLAMPredictor(model: model, options: options)
        let flux = try predictor.modelSpectrum(labels: [0.6, 0.2]).map { Float($0) }
        let ivar = [Float](repeating: 1e4, count: wavelength.count)
        let both = try predictor.fit(flux: flux, ivar: ivar, starts: [[0.5, 0.2], [-0.5, 0.2]])
        #expect(both.distinctMinima == 2)
        #expect(both.flags.contains(.severalMinima))
        let one = try predictor.fit(flux: flux, ivar: ivar, starts: [[0.5, 0.2], [0.7, 0.1]])
        #expect(one.distinctMinima == 1)
        #expect(!one.flags.contains(.severalMinima))
    }

    @Test func aFitDrivenBeyondTheLabelBoundStopsOnItAndIsFlagged() throws {
        // Broad kernels extrapolate the (linear) line depth: a star beyond the bound pulls the fit out.
        var labels: [Double] = []
        for a in stride(from: -1.0, through: 1.0001, by: 0.1) { for b in stride(from: -1.0, through: 1.0001, by: 0.5) { labels += [a, b] } }
        let wavelength = (0..<40).map { 5000 + Double($0) }
        let function = { (x: [Double]) in
            wavelength.map { 1 - (0.3 + 0.1 * x[0]) * exp(-0.5 * pow(($0 - 5015) / 2, 2)) - 0.05 * x[1] * exp(-0.5 * pow(($0 - 5028) / 2, 2)) }
        }
        let model = KernelRidgeTestModel.make(labels: labels, labelNames: ["x", "y"], wavelength: wavelength, gamma: 0.02,
                                              lambda: 1e-4, function: function)
        var options = PredictionOptions()
        options.precision = .double
        options.loss = .linear
        let predictor = try SLAMPredictor(model: model, options: options)
        let bound = predictor.labelScaler.inverse(predictor.boundMaximum[0], column: 0)
        let flux = function([4, 0]).map { Float($0) }
        let ivar = [Float](repeating: 1e4, count: wavelength.count)
        let fit = try predictor.fit(flux: flux, ivar: ivar, start: [0.9, 0])
        #expect(fit.flags.isSuperset(of: [.atBound, .ranAway, .outsideTrainingRange]))
        #expect(abs(fit.labels[0] - bound) < 1e-9, "x \(fit.labels[0]) vs bound \(bound)")
        #expect(fit.chiSquare <= fit.firstGuessChiSquare)
        options.boundLabels = false
        let free = try SLAMPredictor(model: model, options: options).fit(flux: flux, ivar: ivar, start: [0.9, 0])
        #expect(free.labels[0] > bound)
        #expect(!free.flags.contains(.atBound))
    }
}
