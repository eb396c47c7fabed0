import ArgumentParser
import CBLAS
import Foundation
import SLAMNumerics

/// `slam-bench predict`: SLAM label inference on a model of the paper's size (1,900 training stars x
/// 1,901 pixels x 6 labels; random but realistic coefficients, ~50% support vectors, 5 gamma groups)
/// and mock observed spectra at S/N 20-100. Prints first-guess time, refinement rate, overall spectra
/// per second, precision against the truth, and the memory peak. Asserts nothing.
struct InferenceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Label inference: template matching + Levenberg-Marquardt (MINPACK) on a paper-sized model.")

    @Option(help: "Observed spectra to label.") var spectra = 2000
    @Option(help: "Training stars N.") var training = 1900
    @Option(help: "Pixels P.") var pixels = 1901
    @Option(help: "Model evaluation precision: single or double.") var precision = "single"
    @Option(help: "Concurrent refinement workers (default: one per core).") var workers: Int?
    @Option(help: "Template starts refined per spectrum.") var starts = 1
    @Option(help: "Fits run in lockstep sharing one matrix product (1: each fit alone, in --workers threads).")
    var batchSize = 64
    @Option(help: "OpenBLAS threads (default: leave OpenBLAS's own setting).") var blasThreads: Int?
    @Option(help: "MINPACK xtol (relative change of the standardised labels).") var xtol = PredictionOptions().xtol
    @Option(help: "Fit loss: linear, soft_l1:S or huber:S (default: PredictionOptions' default).") var loss: String?
    @Option(help: "Robust solver: transform or reweighting (default: PredictionOptions' default).") var robustSolver: String?
    @Option(help: "IRLS rounds of a robust loss under reweighting (default: PredictionOptions' default).") var robustRounds: Int?
    @Option(help: "MINPACK step bound factor (default: PredictionOptions' default).") var stepBound: Double?
    @Option(help: "Seed of the mock model and spectra.") var seed: UInt64 = 2020
    @Flag(help: "Also time the catalogue's prediction of the same spectra (PredictionOptions.catalogue: the continuum correction of degree 2 and its rounds) and the outside-training-set statistics, each part on its own.")
    var catalogue = false
    @Option(help: "Continuum-correction rounds of --catalogue (default: PredictionOptions' default).") var continuumRounds: Int?
    @Option(help: "Where the first continuum-correction round of --catalogue takes its labels: first_guess or plain_fit (default: PredictionOptions' default).")
    var continuumStart: String?

    func validate() throws {
        guard spectra > 0, training > 0, pixels > 0, starts > 0 else { throw ValidationError("sizes must be positive") }
        guard ["single", "double"].contains(precision) else { throw ValidationError("precision: single or double") }
        if let continuumRounds, continuumRounds < 0 { throw ValidationError("--continuum-rounds must be at least 0") }
        if let continuumStart, ContinuumStart(rawValue: continuumStart) == nil {
            throw ValidationError("--continuum-start \(continuumStart): expected first_guess or plain_fit")
        }
    }

    func run() throws {
        if let blasThreads { openblas_set_num_threads(Int32(blasThreads)) }
        let cfg = openblas_get_config().map { String(cString: $0) } ?? "?"
        print("predict bench: N=\(training) P=\(pixels) L=6 M=\(spectra) precision=\(precision) starts=\(starts) batch=\(batchSize) loss=\(loss ?? PredictionOptions().loss.name) solver=\(robustSolver ?? PredictionOptions().robustSolver.rawValue) seed=\(seed)")
        print("  cores=\(ProcessInfo.processInfo.activeProcessorCount) openblas threads=\(openblas_get_num_threads()) [\(cfg)]")
        var clock = BenchClock()
        var rng = SplitMix64(seed: seed)
        let mock = try InferenceBenchModel(training: training, pixels: pixels, rng: &rng)
        print(String(format: "  model built (coefficients rescaled to unit flux spread): %.2f s", clock.lap()))

        var options = PredictionOptions()
        options.precision = precision == "single" ? .single : .double
        options.workers = workers
        options.starts = starts
        options.batchSize = batchSize
        options.xtol = xtol
        if let loss {
            guard let parsed = SLAMFitLoss(name: loss) else { throw ValidationError("--loss \(loss): linear, soft_l1:S or huber:S") }
            options.loss = parsed
        }
        if let robustSolver {
            guard let parsed = SLAMRobustSolver(rawValue: robustSolver) else { throw ValidationError("--robust-solver: transform or reweighting") }
            options.robustSolver = parsed
        }
        if let robustRounds { options.robustRounds = robustRounds }
        if let stepBound { options.stepBoundFactor = stepBound }
        let predictor = try SLAMPredictor(model: mock.model, options: options)
        let templates = try mock.templates(predictor: predictor, rng: &rng)
        print(String(format: "  predictor + template library (%d training spectra, S/N 100): %.2f s",
                     templates.count, clock.lap()))
        let observed = try mock.observations(count: spectra, predictor: predictor, rng: &rng)
        _ = clock.lap()

        let cpu0 = BenchCPU.seconds()
        let guesses = try predictor.firstGuesses(flux: observed.flux, ivar: observed.ivar, count: spectra, templates: templates)
        let tFirst = clock.lap()
        let cpu1 = BenchCPU.seconds()
        let results = try predictor.refine(flux: observed.flux, ivar: observed.ivar, count: spectra,
                                           firstGuesses: guesses, templates: templates)
        let tRefine = clock.lap()
        let cpu2 = BenchCPU.seconds()

        let fits = results.compactMap { try? $0.get() }
        let nfev = fits.reduce(0) { $0 + $1.functionEvaluations }, njev = fits.reduce(0) { $0 + $1.jacobianEvaluations }
        print(String(format: "  first guess (template matching, %d x %d chi2 by sgemm): %.3f s = %.0f spectra/s   (reference: 1,539 spectra in 50 s = 31/s)",
                     spectra, templates.count, tFirst, Double(spectra) / tFirst))
        print(String(format: "  refinement (lmder): %.3f s = %.0f spectra/s; %.1f model evaluations, %.1f Jacobians per spectrum; %.3f ms wall per evaluation (per worker when batch=1)",
                     tRefine, Double(spectra) / tRefine, Double(nfev) / Double(max(fits.count, 1)),
                     Double(njev) / Double(max(fits.count, 1)),
                     1000 * tRefine * Double(batchSize > 1 ? 1 : min(workers ?? ProcessInfo.processInfo.activeProcessorCount, spectra)) / Double(max(nfev, 1))))
        print(String(format: "  overall: %.0f spectra/s (%d fitted, %d failed)", Double(spectra) / (tFirst + tRefine),
                     fits.count, spectra - fits.count))
        print(String(format: "  CPU time (user + sys, all threads): first guess %.2f ms/spectrum, refinement %.2f ms/spectrum"
                     + " -> %.0f spectra/s if %d cores were ours alone", 1000 * (cpu1 - cpu0) / Double(spectra),
                     1000 * (cpu2 - cpu1) / Double(spectra),
                     Double(ProcessInfo.processInfo.activeProcessorCount) * Double(spectra) / (cpu2 - cpu0),
                     ProcessInfo.processInfo.activeProcessorCount))
        var flagCounts: [String: Int] = [:]
        let named: [(String, LabelFitFlags)] = [("outsideTrainingRange", .outsideTrainingRange), ("notConverged", .notConverged),
                                                ("fewPixels", .fewPixels), ("poorFit", .poorFit), ("keptFirstGuess", .keptFirstGuess),
                                                ("ranAway", .ranAway), ("singularCovariance", .singularCovariance)]
        for fit in fits { for (name, flag) in named where fit.flags.contains(flag) { flagCounts[name, default: 0] += 1 } }
        print("  flags: \(named.map { "\($0.0)=\(flagCounts[$0.0] ?? 0)" }.joined(separator: " "))")

        let stats = try PrecisionStatistics(fits: results, reference: observed.truth, snr: observed.snr, labelCount: 6,
                                            binEdges: [20, 40, 60, 100.0001])
        let names = mock.model.labelNames
        for bin in stats.bins {
            let row = (0..<6).map { c in
                String(format: "%@ %.3g/%.3g (pull %.2f)", names[c], bin.labels[c].bias, bin.labels[c].robustScatter,
                       bin.labels[c].pullScatter)
            }
            print(String(format: "  S/N %3.0f-%3.0f (%4d): bias/robust scatter: ", bin.lowerSNR, bin.upperSNR, bin.count)
                  + row.joined(separator: ", "))
        }
        if catalogue {
            try catalogueRun(options: options, mock: mock, observed: observed, plainSeconds: tFirst + tRefine,
                             templates: templates, clock: &clock)
        }
        print("  memory peak (VmHWM): \(BenchMemory.peak())")
        BenchSink.consume(fits.reduce(0) { $0 + $1.labels[0] })
    }

    /// The catalogue's path on the same spectra: from the first guess or the plain fit (above), each
    /// continuum-correction round (model spectra, correction, first guess and refinement of the corrected
    /// flux) and the published estimate (posterior mean), then the outside-training-set statistics; prints
    /// each part's time and the whole path's rate.
    private func catalogueRun(options plainOptions: PredictionOptions, mock: InferenceBenchModel,
                              observed: (flux: [Float], ivar: [Float], truth: [Double], snr: [Double]),
                              plainSeconds: Double, templates: TemplateLibrary, clock: inout BenchClock) throws {
        var options = plainOptions
        options.continuumDegree = PredictionOptions.catalogue.continuumDegree
        options.continuumRounds = continuumRounds ?? PredictionOptions.catalogue.continuumRounds
        options.continuumStart = continuumStart.flatMap(ContinuumStart.init(rawValue:)) ?? PredictionOptions.catalogue.continuumStart
        options.estimate = PredictionOptions.catalogue.estimate
        let predictor = try SLAMPredictor(model: mock.model, options: options)
        _ = clock.lap()
        let fits = try predictor.predict(flux: observed.flux, ivar: observed.ivar, count: spectra, templates: templates)
        let whole = clock.lap()
        _ = try predictor.outsideStatistics(fits: fits, flux: observed.flux, ivar: observed.ivar)
        let statistics = clock.lap()
        let fromPlainFit = options.continuumStart == .plainFit
        let rounds = fromPlainFit ? whole - plainSeconds : whole
        let succeeded = fits.compactMap { try? $0.get() }
        let evaluations = Double(succeeded.reduce(0) { $0 + $1.functionEvaluations }) / Double(max(1, succeeded.count))
        let start = fromPlainFit ? String(format: "plain fit %.3f s (measured above), the rounds about", plainSeconds)
            : "from the first guess, the rounds"
        print(String(format: "  catalogue (continuum degree %d, %d rounds from the %@): %.3f s = %.0f spectra/s: %@ %.3f s (%.2f s per "
                     + "round), outside-training-set statistics %.3f s; last round %.1f model evaluations per spectrum",
                     options.continuumDegree ?? 0, options.continuumRounds, fromPlainFit ? "plain fit" : "first guess",
                     whole + statistics, Double(spectra) / (whole + statistics), start, rounds,
                     rounds / Double(max(1, options.continuumRounds)), statistics, evaluations))
        let stats = try PrecisionStatistics(fits: fits, reference: observed.truth, snr: observed.snr, labelCount: 6,
                                            binEdges: [20, 40, 60, 100.0001])
        let names = mock.model.labelNames
        for bin in stats.bins {
            let row = (0..<6).map { c in
                String(format: "%@ %.3g/%.3g", names[c], bin.labels[c].bias, bin.labels[c].robustScatter)
            }
            print(String(format: "  catalogue S/N %3.0f-%3.0f (%4d): bias/robust scatter: ", bin.lowerSNR, bin.upperSNR, bin.count)
                  + row.joined(separator: ", "))
        }
    }
}

/// Wall-clock laps (benchmarks only).
private struct BenchClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}

/// Process CPU time (user + system, all threads), seconds.
private enum BenchCPU {
    static func seconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

/// Peak resident memory from /proc/self/status.
private enum BenchMemory {
    static func peak() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "n/a" }
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }
            .map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) } ?? "n/a"
    }
}

/// Keeps results alive so that the optimiser cannot drop the work.
private enum BenchSink {
    nonisolated(unsafe) static var value = 0.0
    static func consume(_ x: Double) { value += x }
}

/// A SLAM model of the paper's size with random but realistic coefficients: K-giant-like labels
/// (correlated Teff, log g, [M/H]), ~50% support vectors per pixel with coefficients up to C, five gamma
/// groups from the reference grid, each pixel rescaled to unit spread of standardised model flux over
/// the training set (as trained SVRs on standardised flux have), CV MSE 0.03-0.1.
private struct InferenceBenchModel {
    static let names = ["teff", "logg", "m_h", "alpha_m", "c_m", "n_m"]
    static let mean: [Double] = [4700, 2.5, -0.3, 0.08, 0.0, 0.2]
    static let scale: [Double] = [350, 0.6, 0.3, 0.08, 0.12, 0.18]
    let model: SLAMModel
    let trainingLabels: [Double]  // N x 6 physical

    /// Standardised label vector of a K giant: log g follows Teff, [alpha/M] anti-correlates with [M/H].
    static func drawStandardised(_ rng: inout SplitMix64) -> [Double] {
        let t = rng.normal(), m = rng.normal()
        return [t, 0.85 * t + 0.5 * rng.normal(), m, -0.6 * m + 0.8 * rng.normal(), rng.normal(), rng.normal()]
    }

    init(training n: Int, pixels p: Int, rng: inout SplitMix64) throws {
        let l = 6
        var theta: [Double] = []
        for _ in 0..<n { theta += Self.drawStandardised(&rng) }
        let labelScaler = Standardiser(mean: Self.mean, scale: Self.scale)
        trainingLabels = labelScaler.inverse(matrix: theta)
        let gammas = [1.0 / 6, 0.2, 0.25, 0.3, 0.5]
        var coefficients = [Double](repeating: 0, count: p * n)
        var hyper: [SVRHyperparameters] = []
        for j in 0..<p {
            let c = 8.0
            hyper.append(SVRHyperparameters(c: c, epsilon: 0.05, gamma: gammas[Int(rng.next() % 5)]))
            for i in 0..<n where rng.uniform() < 0.5 {
                let bounded = rng.uniform() < 0.4
                coefficients[j * n + i] = (rng.uniform() < 0.5 ? -1 : 1) * c * (bounded ? 1 : rng.uniform())
            }
        }
        let fluxScaler = Standardiser(mean: (0..<p).map { _ in 0.75 + 0.2 * rng.uniform() },
                                      scale: (0..<p).map { _ in 0.02 + 0.06 * rng.uniform() })
        let mse = (0..<p).map { _ in 0.03 + 0.07 * rng.uniform() }
        var raw = SLAMModel(labelNames: Self.names, wavelength: (0..<p).map { 3900 + Double($0) },
                            labelScaler: labelScaler, fluxScaler: fluxScaler, trainingLabels: theta,
                            coefficients: coefficients, intercept: [Double](repeating: 0, count: p),
                            hyperparameters: hyper, crossValidatedMSE: mse)
        // Rescale each pixel to mean 0 and spread 1 over the training set; coefficients stay below C.
        let flux = try SLAMPredictor(model: raw).standardisedModel(labels: theta, count: n, jacobian: false).flux
        var intercept = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var s1 = 0.0, s2 = 0.0
            for i in 0..<n { s1 += flux[i * p + j]; s2 += flux[i * p + j] * flux[i * p + j] }
            let mu = s1 / Double(n), sd = max((s2 / Double(n) - mu * mu).squareRoot(), 1e-9)
            for i in 0..<n { raw.coefficients[j * n + i] /= sd }
            intercept[j] = -mu / sd
        }
        raw.intercept = intercept
        _ = l
        model = raw
    }

    /// The training spectra: model spectra at the training labels with noise at S/N 100.
    func templates(predictor: SLAMPredictor, rng: inout SplitMix64) throws -> TemplateLibrary {
        let n = model.trainingCount
        let clean = try predictor.modelSpectra(labels: trainingLabels, count: n)
        var flux = [Float](repeating: 0, count: clean.count), ivar = flux
        for k in clean.indices {
            let sigma = clean[k] / 100
            flux[k] = Float(clean[k] + sigma * rng.normal())
            ivar[k] = Float(1 / (sigma * sigma))
        }
        return try TemplateLibrary(normalisedFlux: flux, ivar: ivar, physicalLabels: trainingLabels, count: n,
                                   predictor: predictor)
    }

    /// Observed spectra at S/N 20-100 (uniform), noise sigma = flux / S/N, about 1% bad pixels (NaN).
    func observations(count m: Int, predictor: SLAMPredictor, rng: inout SplitMix64) throws
        -> (flux: [Float], ivar: [Float], truth: [Double], snr: [Double])
    {
        var theta: [Double] = []
        for _ in 0..<m { theta += Self.drawStandardised(&rng) }
        let truth = model.labelScaler.inverse(matrix: theta)
        let clean = try predictor.modelSpectra(labels: truth, count: m)
        let p = model.pixelCount
        var flux = [Float](repeating: 0, count: m * p), ivar = flux, snr: [Double] = []
        for s in 0..<m {
            let sn = 20 + 80 * rng.uniform()
            snr.append(sn)
            for j in 0..<p {
                let k = s * p + j, sigma = clean[k] / sn
                flux[k] = rng.uniform() < 0.01 ? .nan : Float(clean[k] + sigma * rng.normal())
                ivar[k] = Float(1 / (sigma * sigma))
            }
        }
        return (flux, ivar, truth, snr)
    }
}
