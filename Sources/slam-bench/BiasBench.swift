import ArgumentParser
import Foundation
import SLAMNumerics
import Simulator

/// `slam-bench bias`: where the low-S/N bias of the labels comes from. Mock K giants with known labels
/// (`SpectrumSynthesizer`) are observed through the instrument's continuum (`InstrumentModel`) with photon
/// plus background noise as `SpectrumObserver` makes it (no sky lines, cosmic rays or bad pixels, so only
/// noise and continuum act), and preprocessed by the real `SpectrumPreprocessor`. A model is trained on
/// such spectra at training S/N; then the SAME test stars are observed noiseless and, several times, with
/// noise at each test S/N_g, and labelled under:
///  (i)   the real preprocessing of the noisy spectrum;
///  (ii)  the noisy spectrum divided by the NOISELESS spectrum's pseudo-continuum (the continuum's part
///        of the bias removed; what remains comes from the noise in the fit itself);
///  (iii) with `--degraded-training-snr`, (i) labelled by a second model trained on the same training
///        stars observed at that S/N (the training set's S/N matched to the test's);
///  (iv)  with `--continuum-degree K`, (i) labelled with the continuum correction of degree K fitted with
///        the labels (`PredictionOptions.continuumDegree`).
/// For each, the first guess (nearest template) and the refined maximum-likelihood fit: per S/N bin and
/// label, median(estimate - truth) and robust scatter (1.4826 MAD about the median); `*` marks
/// |median| > 0.25 x scatter. Also prints the pseudo-continuum's noise-induced offset, median over
/// pixels of c_noisy / c_noiseless - 1. Prints figures, asserts nothing.
struct BiasBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bias",
        abstract: "Low-S/N bias of first guess and refined fit: noisy vs noiseless continuum, training S/N.")

    @Option(help: "Training stars.") var training = 500
    @Option(help: "Training S/N_g range LOW:HIGH (log-uniform).") var trainingSnr = "40:200"
    @Option(help: "Test stars (each observed at every test S/N).") var stars = 100
    @Option(help: "Test S/N_g values, comma-separated.") var snr = "10,15,20,30,50,100"
    @Option(help: "Noise realisations per star and S/N.") var realisations = 2
    @Option(help: "Hyperparameters: fixed:C,EPSILON,GAMMA, demo (4-point grid, 3 folds) or default (the paper's 220-point grid, 5 folds).")
    var grid = "fixed:64,0.2,0.1"
    @Option(help: "Also train on the training stars observed at this S/N_g and label (i) with it (mode iii).")
    var degradedTrainingSnr: Double?
    @Option(help: "Also label (i) with the continuum correction of this Legendre degree fitted with the labels (mode iv).")
    var continuumDegree: [Int] = []
    @Option(help: "Rounds of the continuum correction (default: PredictionOptions' default).") var continuumRounds: Int?
    @Option(help: "Where the continuum correction's first round takes its labels: first_guess or plain_fit (default: PredictionOptions' default).")
    var continuumStart: String?
    @Option(help: "Also print the posterior mean under the training set's label density (TrainingSetPrior) with this factor on the formal errors; repeatable.")
    var priorScale: [Double] = []
    @Option(help: "Kernel bandwidth of the training-set prior, standardised units (default: Scott's rule).")
    var priorBandwidth: Double?
    @Option(help: "Seed.") var seed: UInt64 = 20

    func validate() throws {
        guard training >= 10, stars >= 1, realisations >= 1 else { throw ValidationError("sizes must be positive") }
        guard parsedTrainingSNR != nil else { throw ValidationError("--training-snr LOW:HIGH, 0 < LOW <= HIGH") }
        guard let list = parsedSNR, !list.isEmpty else { throw ValidationError("--snr: positive numbers, comma-separated") }
        guard hyperparameters != nil else { throw ValidationError("--grid: fixed:C,EPSILON,GAMMA, demo or default") }
        guard priorScale.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw ValidationError("--prior-scale: positive numbers") }
        if let h = priorBandwidth, !(h.isFinite && h > 0) { throw ValidationError("--prior-bandwidth: a positive number") }
        if let continuumStart, ContinuumStart(rawValue: continuumStart) == nil {
            throw ValidationError("--continuum-start \(continuumStart): expected first_guess or plain_fit")
        }
        if let continuumRounds, !(0...10).contains(continuumRounds) { throw ValidationError("--continuum-rounds must be 0...10") }
    }

    var parsedTrainingSNR: (Double, Double)? {
        let parts = trainingSnr.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] >= parts[0] else { return nil }
        return (parts[0], parts[1])
    }

    var parsedSNR: [Double]? {
        let values = snr.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.compactMap { $0 }
    }

    var hyperparameters: HyperparameterChoice? {
        if grid == "default" { return .grid(.slamDefault(labelCount: StellarLabels.names.count), folds: 5, seed: seed) }
        if grid == "demo" {
            return .grid(HyperparameterGrid(c: [2, 8], epsilon: [0.05], gamma: [0.1, 0.2]), folds: 3, seed: seed)
        }
        guard grid.hasPrefix("fixed:") else { return nil }
        let v = grid.dropFirst(6).split(separator: ",").compactMap { Double($0) }
        guard v.count == 3, v.allSatisfy({ $0 > 0 }) else { return nil }
        return .fixed(SVRHyperparameters(c: v[0], epsilon: v[1], gamma: v[2]))
    }

    func run() throws {
        guard let (snrLow, snrHigh) = parsedTrainingSNR, let snrs = parsedSNR, let choice = hyperparameters else { return }
        print("slam-bench bias: training=\(training) (S/N_g \(trainingSnr)) stars=\(stars) S/N_g=\(snr) "
              + "realisations=\(realisations) grid=\(grid) seed=\(seed)"
              + (degradedTrainingSnr.map { " degraded-training-snr=\($0)" } ?? ""))
        let lab = try BiasBenchLaboratory()
        var rng = SplitMix64(seed: seed)
        var clock = Date()
        func lap() -> Double { defer { clock = Date() }; return Date().timeIntervalSince(clock) }

        // Training set: noisy observations, real preprocessing.
        var trainStars: [BiasBenchStar] = []
        for _ in 0..<training { trainStars.append(lab.star(rng: &rng)) }
        var trainLabels: [Double] = [], trainFlux: [Float] = [], trainIvar: [Float] = []
        var kept: [BiasBenchStar] = []
        for star in trainStars {
            let s = exp(rng.uniform(log(snrLow), log(snrHigh)))
            guard let p = try? lab.preprocess(lab.observe(star, snrg: s, rng: &rng)) else { continue }
            trainLabels += star.labels.vector; trainFlux += p.flux; trainIvar += p.ivar; kept.append(star)
        }
        let data = SLAMTrainingData(labels: trainLabels, labelNames: StellarLabels.names, flux: trainFlux,
                                    ivar: trainIvar, wavelength: lab.preprocessor.gridWavelengths)
        let model = try SLAMTrainer().train(data, hyperparameters: choice)
        let predictor = try SLAMPredictor(model: model)
        let templates = try TemplateLibrary(normalisedFlux: trainFlux, ivar: trainIvar, physicalLabels: trainLabels,
                                            count: kept.count, predictor: predictor)
        print(String(format: "  trained on %d spectra (%d rejected by preprocessing): %.1f s", kept.count,
                     training - kept.count, lap()))

        // Test set: the same stars at every S/N, noiseless and noisy.
        var testStars: [BiasBenchStar] = []
        for _ in 0..<stars { testStars.append(lab.star(rng: &rng)) }
        var real = BiasBenchSample(), fixedContinuum = BiasBenchSample()
        var continuumOffsets: [Double: [Double]] = [:]
        var rejected = 0
        for star in testStars {
            for s in snrs {
                guard let clean = try? lab.preprocess(lab.observe(star, snrg: s, rng: &rng, noise: false)) else {
                    rejected += realisations; continue
                }
                for _ in 0..<realisations {
                    guard let noisy = try? lab.preprocess(lab.observe(star, snrg: s, rng: &rng)) else { rejected += 1; continue }
                    real.append(flux: noisy.flux, ivar: noisy.ivar, truth: star.labels.vector, snr: s)
                    // (ii): the noisy flux over the noiseless pseudo-continuum.
                    var flux = noisy.flux, ivar = noisy.ivar, ratios: [Double] = []
                    for j in flux.indices {
                        let r = noisy.continuum[j] / clean.continuum[j]
                        ratios.append(Double(r) - 1)
                        guard ivar[j] > 0 else { continue }
                        flux[j] *= r; ivar[j] /= r * r
                    }
                    continuumOffsets[s, default: []].append(BiasBenchStatistics.median(ratios))
                    fixedContinuum.append(flux: flux, ivar: ivar, truth: star.labels.vector, snr: s)
                }
            }
        }
        print(String(format: "  %d test spectra per mode (%d rejected by preprocessing): %.1f s", real.count, rejected, lap()))
        print("  pseudo-continuum offset from noise, median over pixels of c_noisy/c_noiseless - 1 "
              + "(median [16th, 84th percentile] over spectra):")
        for s in snrs {
            let v = (continuumOffsets[s] ?? []).sorted()
            guard !v.isEmpty else { continue }
            print(String(format: "    S/N_g %5.0f: %+.4f [%+.4f, %+.4f]", s, v[v.count / 2], v[v.count * 16 / 100],
                         v[min(v.count - 1, v.count * 84 / 100)]))
        }

        let names = StellarLabels.names
        let priors = try priorScale.map { scale in
            try TrainingSetPrior(standardisedLabels: model.trainingLabels, count: model.trainingCount,
                                 labelCount: model.labelCount, bandwidth: priorBandwidth, likelihoodScale: scale)
        }
        if let h = priors.first?.bandwidth { print(String(format: "  training-set prior: bandwidth %.3f (standardised)", h)) }
        func table(_ fits: [Result<LabelFit, InferenceError>], _ sample: BiasBenchSample) {
            let extra = priors.map { prior in
                (String(format: "post s=%-4.2g", prior.likelihoodScale), fits.map { result -> [Double]? in
                    guard case .success(let fit) = result,
                          let post = prior.posterior(mean: fit.standardisedLabels, covariance: fit.standardisedCovariance)
                    else { return nil }
                    return predictor.physical(labels: post.mean)
                })
            }
            BiasBenchStatistics.printTable(fits: fits, sample: sample, snrs: snrs, names: names, extra: extra)
        }
        for (title, sample) in [("(i) real preprocessing of the noisy spectrum", real),
                                ("(ii) noisy flux / noiseless pseudo-continuum", fixedContinuum)] {
            let fits = try predictor.predict(flux: sample.flux, ivar: sample.ivar, count: sample.count, templates: templates)
            print("\n== \(title): \(String(format: "%.1f s", lap())) ==")
            table(fits, sample)
        }

        for degree in continuumDegree {
            var options = PredictionOptions()
            options.continuumDegree = degree
            options.continuumRounds = continuumRounds ?? options.continuumRounds
            options.continuumStart = continuumStart.flatMap(ContinuumStart.init(rawValue:)) ?? options.continuumStart
            let corrected = try SLAMPredictor(model: model, options: options)
            let fits = try corrected.predict(flux: real.flux, ivar: real.ivar, count: real.count, templates: templates)
            print("\n== (iv) real preprocessing, continuum correction of degree \(degree) fitted with the labels "
                  + "(\(options.continuumRounds) rounds from the \(options.continuumStart == .firstGuess ? "first guess" : "plain fit")): "
                  + "\(String(format: "%.1f s", lap())) ==")
            table(fits, real)
        }

        if let degraded = degradedTrainingSnr {
            var flux: [Float] = [], ivar: [Float] = [], labels: [Double] = [], count = 0
            for star in kept {
                guard let p = try? lab.preprocess(lab.observe(star, snrg: degraded, rng: &rng)) else { continue }
                flux += p.flux; ivar += p.ivar; labels += star.labels.vector; count += 1
            }
            let degradedData = SLAMTrainingData(labels: labels, labelNames: names, flux: flux, ivar: ivar,
                                                wavelength: lab.preprocessor.gridWavelengths)
            let degradedModel = try SLAMTrainer().train(degradedData, hyperparameters: choice)
            let degradedPredictor = try SLAMPredictor(model: degradedModel)
            // Templates stay the high-S/N training spectra: the first guess is the same as in (i).
            let degradedTemplates = try TemplateLibrary(normalisedFlux: trainFlux, ivar: trainIvar, physicalLabels: trainLabels,
                                                        count: kept.count, predictor: degradedPredictor)
            let fits = try degradedPredictor.predict(flux: real.flux, ivar: real.ivar, count: real.count,
                                                     templates: degradedTemplates)
            print(String(format: "\n== (iii) model trained at S/N_g %.0f (%d spectra), real preprocessing: %.1f s ==",
                         degraded, count, lap()))
            BiasBenchStatistics.printTable(fits: fits, sample: real, snrs: snrs, names: names)
        }
    }
}

/// One mock test or training star: labels and how it is observed.
struct BiasBenchStar {
    var labels: StellarLabels
    var normalised: [Double]
    var continuum: [Double]
}

/// Spectra of one mode, in one batch for the predictor.
struct BiasBenchSample {
    var flux: [Float] = [], ivar: [Float] = [], truth: [Double] = [], snr: [Double] = []
    var count: Int { snr.count }
    mutating func append(flux f: [Float], ivar v: [Float], truth t: [Double], snr s: Double) {
        flux += f; ivar += v; truth += t; snr.append(s)
    }
}

/// The bench's mock instrument: synthesis, continuum, noise (as `SpectrumObserver`), preprocessing.
struct BiasBenchLaboratory {
    let instrument = InstrumentModel()
    let synthesizer = SpectrumSynthesizer()
    let preprocessor: SpectrumPreprocessor

    init() throws { preprocessor = try SpectrumPreprocessor() }

    /// A mock K giant with extinction and a spectrograph drawn at random.
    func star(rng: inout SplitMix64) -> BiasBenchStar {
        let labels = SyntheticTrainingSet.giantLabels(rng: &rng)
        let ebv = rng.uniform(0, 0.3), spid = 1 + Int(rng.next() % 16)
        return BiasBenchStar(labels: labels, normalised: synthesizer.normalisedFlux(labels),
                             continuum: instrument.continuum(teff: labels.teff, ebv: ebv, spid: spid))
    }

    /// Observed flux and ivar at S/N_g `snrg`: the variance model of `SpectrumObserver` (photon noise plus
    /// a background of 25% of the g-band variance); `noise: false` gives the noiseless flux with 10^8 times the
    /// ivar (the same relative weights, and no noise for the preprocessor's noise-corrected level to take out).
    func observe(_ star: BiasBenchStar, snrg: Double, rng: inout SplitMix64, noise: Bool = true)
        -> (flux: [Float], ivar: [Float]) {
        let w = instrument.wavelengths, n = w.count
        var g: [Double] = []
        for i in 0..<n where w[i] >= 4000 && w[i] <= 5500 { g.append(star.continuum[i] * star.normalised[i]) }
        g.sort()
        let fluxLevel = 20 * snrg, scale = fluxLevel / max(g[g.count / 2], 1e-12)
        let sigmaG = fluxLevel / snrg, r = 0.25
        var flux = [Float](repeating: 0, count: n), ivar = flux
        for i in 0..<n {
            let f = star.continuum[i] * star.normalised[i] * scale
            let variance = max(f, 0) * sigmaG * sigmaG / fluxLevel * (1 - r) + sigmaG * sigmaG * r
            flux[i] = Float(f + (noise ? variance.squareRoot() * rng.normal() : 0))
            ivar[i] = Float((noise ? 1 : 1e8) / variance)
        }
        return (flux, ivar)
    }

    func preprocess(_ observed: (flux: [Float], ivar: [Float])) throws -> PreprocessedSpectrum {
        try preprocessor.preprocess(wavelength: instrument.wavelengths, flux: observed.flux, ivar: observed.ivar,
                                    badMask: nil, redshift: 0)
    }
}

/// Median offsets and robust scatters per S/N and label, printed as tables.
enum BiasBenchStatistics {
    static func median(_ v: [Double]) -> Double {
        guard !v.isEmpty else { return .nan }
        let s = v.sorted(), k = s.count / 2
        return s.count % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k])
    }

    /// (median, 1.4826 MAD about it) of the finite values.
    static func summary(_ values: [Double]) -> (median: Double, scatter: Double) {
        let v = values.filter(\.isFinite)
        let m = median(v)
        return (m, 1.4826 * median(v.map { abs($0 - m) }))
    }

    /// `extra`: further estimators, (name, M label vectors or nil) in the sample's order.
    static func printTable(fits: [Result<LabelFit, InferenceError>], sample: BiasBenchSample, snrs: [Double],
                           names: [String], extra: [(String, [[Double]?])] = []) {
        let l = names.count
        let failed = fits.filter { if case .failure = $0 { return true } else { return false } }.count
        if failed > 0 { print("  \(failed) fits failed") }
        print("  S/N_g  estimator    " + names.map { $0.padding(toLength: 17, withPad: " ", startingAt: 0) }.joined())
        for s in snrs {
            let members = (0..<sample.count).filter { sample.snr[$0] == s }
            var estimators: [(String, [[Double]?])] = [
                ("first guess", fits.map { try? $0.get().firstGuess }), ("ML fit     ", fits.map { try? $0.get().labels })]
            estimators += extra
            for (label, estimates) in estimators {
                var cells: [String] = []
                for c in 0..<l {
                    var d: [Double] = []
                    for k in members { if let e = estimates[k] { d.append(e[c] - sample.truth[k * l + c]) } }
                    let (m, sc) = summary(d)
                    let digits = c == 0 ? "%+6.0f/%-5.0f" : "%+6.3f/%-5.3f"
                    cells.append((String(format: digits, m, sc) + (abs(m) > 0.25 * sc ? "*" : " "))
                        .padding(toLength: 17, withPad: " ", startingAt: 0))
                }
                print(String(format: "  %5.0f  %@  ", s, label) + cells.joined())
            }
        }
    }
}
