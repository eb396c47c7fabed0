import ArgumentParser
import Foundation
import SLAMNumerics
import Simulator

/// `slam-bench reference-data`: writes a mock-survey training set and test set (mock K giants from
/// `SpectrumSynthesizer`, known true labels), this implementation's model scalers and per-pixel model
/// variance, its first guesses, and its labels for the test spectra (linear and robust loss), for
/// `scripts/reference-comparison.py`, which trains the reference method (scikit-learn's libsvm SVR per
/// pixel, SciPy `least_squares`) on the same spectra from the same first guesses and prints both
/// implementations' precision against the truth. Prints its own timings; asserts nothing.
struct ReferenceComparisonBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-data",
        abstract: "Write a mock survey and SLAM's labels for it, for scripts/reference-comparison.py.")

    @Option(help: "Training stars (S/N 70).") var stars = 1000
    @Option(help: "Pixels: every k-th of the 1,901-pixel grid (3900 A on, log-linear), spread over the spectrum.")
    var pixels = 475
    @Option(help: "Test spectra (S/N uniform in 20-100).") var spectra = 600
    @Option(help: "Seed.") var seed: UInt64 = 7
    @Option(help: "Output directory.") var out = "/tmp/slam-reference"

    func run() throws {
        let grid = LamostWavelengthGrid(coeff0: log10(3900), coeff1: 1e-4, pixelCount: 1901)
        let keep = (0..<pixels).map { $0 * 1901 / pixels }
        let synthesizer = SpectrumSynthesizer(grid: grid)
        var rng = SplitMix64(seed: seed)
        let train = Self.observe(count: stars, keep: keep, synthesizer: synthesizer, rng: &rng) { _ in 70 }
        let test = Self.observe(count: spectra, keep: keep, synthesizer: synthesizer, rng: &rng) { rng in rng.uniform(20, 100) }
        let data = SLAMTrainingData(labels: train.labels, labelNames: StellarLabels.names, flux: train.flux,
                                    ivar: train.ivar, wavelength: keep.map { grid.wavelengths[$0] })
        let hyper = SVRHyperparameters(c: 64, epsilon: 0.2, gamma: 0.1)
        var start = DispatchTime.now().uptimeNanoseconds
        let model = try SLAMTrainer().train(data, hyperparameters: .fixed(hyper))
        let trainSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "SLAM training (%d stars x %d pixels, C=64 eps=0.2 gamma=0.1): %.2f s", stars, pixels, trainSeconds))

        var results: [String: [Double]] = [:]
        var firstGuess = [Double](repeating: .nan, count: spectra * 6)
        for (name, loss) in [("slam_linear", SLAMFitLoss.linear), ("slam_robust", PredictionOptions().loss)] {
            var options = PredictionOptions()
            options.loss = loss
            let predictor = try SLAMPredictor(model: model, options: options)
            let templates = try TemplateLibrary(normalisedFlux: train.flux, ivar: train.ivar, physicalLabels: train.labels,
                                                count: stars, predictor: predictor)
            start = DispatchTime.now().uptimeNanoseconds
            let fits = try predictor.predict(flux: test.flux, ivar: test.ivar, count: spectra, templates: templates)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "SLAM inference (%@): %d spectra in %.2f s", loss.name, spectra, seconds))
            var labels = [Double](repeating: .nan, count: spectra * 6)
            for (k, result) in fits.enumerated() {
                guard case let .success(fit) = result else { continue }
                for c in 0..<6 { labels[k * 6 + c] = fit.labels[c]; firstGuess[k * 6 + c] = fit.firstGuess[c] }
            }
            results[name] = labels
        }

        let directory = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write<T>(_ values: [T], _ name: String) throws {
            try values.withUnsafeBytes { try Data($0).write(to: directory.appendingPathComponent(name)) }
        }
        try write(train.labels, "train_labels.f64")
        try write(train.flux, "train_flux.f32")
        try write(train.ivar, "train_ivar.f32")
        try write(test.labels, "test_truth.f64")
        try write(test.flux, "test_flux.f32")
        try write(test.ivar, "test_ivar.f32")
        try write(test.snr, "test_snr.f64")
        try write(firstGuess, "first_guess.f64")
        for (name, labels) in results { try write(labels, name + ".f64") }
        let meta: [String: Any] = [
            "n": stars, "p": pixels, "m": spectra, "l": 6, "label_names": StellarLabels.names,
            "c": hyper.c, "epsilon": hyper.epsilon, "gamma": hyper.gamma,
            "label_mean": model.labelScaler.mean, "label_scale": model.labelScaler.scale,
            "flux_mean": model.fluxScaler.mean, "flux_scale": model.fluxScaler.scale,
            "model_variance": model.crossValidatedMSE, "slam_train_seconds": trainSeconds,
            "robust_loss": PredictionOptions().loss.name,
        ]
        try JSONSerialization.data(withJSONObject: meta, options: [.prettyPrinted, .sortedKeys])
            .write(to: directory.appendingPathComponent("meta.json"))
        print("wrote \(directory.path); next: python3 scripts/reference-comparison.py \(directory.path)")
    }

    /// Mock K giants (as `slam-bench train --flux simulator`) at the pixels `keep`, with Gaussian noise
    /// at the S/N `snr` draws per star and 0.5% bad pixels.
    static func observe(count n: Int, keep: [Int], synthesizer: SpectrumSynthesizer, rng: inout SplitMix64,
                        snr: (inout SplitMix64) -> Double)
        -> (labels: [Double], flux: [Float], ivar: [Float], snr: [Double]) {
        let p = keep.count
        var labels = [Double](), flux = [Float](repeating: 0, count: n * p), ivar = flux, snrs = [Double]()
        for i in 0..<n {
            let stellar = SyntheticTrainingSet.giantLabels(rng: &rng)
            labels += stellar.vector
            let s = snr(&rng)
            snrs.append(s)
            let spectrum = synthesizer.normalisedFlux(stellar)
            for (q, j) in keep.enumerated() {
                let sigma = max(spectrum[j], 0.05) / s
                flux[i * p + q] = Float(spectrum[j] + sigma * rng.normal())
                ivar[i * p + q] = rng.uniform() < 0.005 ? 0 : Float(1 / (sigma * sigma))
            }
        }
        return (labels, flux, ivar, snrs)
    }
}
