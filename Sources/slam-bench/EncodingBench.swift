import ArgumentParser
import Formats
import Foundation
import Pipeline
import Primitives
import SLAMNumerics
import Simulator

/// `slam-bench encoding`: what the 16-bit storage of preprocessed arrays (`CompactSpectrumArrays`) costs in
/// precision and saves in bytes. Trains a model (fixed hyperparameters) on mock K giants, labels mock
/// spectra at S/N 10-300 once from their exact arrays and once from the arrays after coding and decoding,
/// and prints, per label, how far the labels moved in units of their formal error beside how far they move
/// when every flux is nudged by one unit in the last place (the fit's own reproducibility); then the coding's own
/// bounds on real-format files (`--files`: LAMOST spectra read and preprocessed as ingest does) and the
/// bytes per spectrum of both storages. Prints figures; asserts nothing.
struct EncodingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoding",
        abstract: "Precision and bytes of the 16-bit storage of preprocessed spectra against real[] arrays.")

    @Option(help: "Training stars of the mock model.") var training = 800
    @Option(help: "Mock spectra labelled twice (exact and coded arrays).") var spectra = 1000
    @Option(help: "Pixels of the mock grid (the model grid has 1,901).") var pixels = 1901
    @Option(help: "Seed of the mock stars and noise.") var seed: UInt64 = 7
    @Option(help: "MINPACK xtol of the fits (default: production's).")
    var xtol = PredictionOptions().xtol
    @Option(help: "Model evaluation precision of the fits: single (production) or double.") var precision = "single"
    @Option(parsing: .upToNextOption, help: "LAMOST spectrum files or directories to measure the coding bounds on (optional).")
    var files: [String] = []

    func validate() throws {
        guard training > 10, spectra > 0, pixels > 10 else { throw ValidationError("sizes must be positive (training > 10, pixels > 10)") }
        guard ["single", "double"].contains(precision) else { throw ValidationError("--precision: single or double") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let set = SyntheticTrainingSet.simulated(stars: training, pixels: pixels, seed: seed)
        let model = try SLAMTrainer().train(set, hyperparameters: .fixed(SVRHyperparameters(c: 64, epsilon: 0.2, gamma: 0.1)))
        var options = PredictionOptions()
        options.xtol = xtol
        options.precision = precision == "double" ? .double : .single
        let predictor = try SLAMPredictor(model: model, options: options)
        let templates = try TemplateLibrary(modelSpectraOf: predictor)
        print("encoding bench: model of \(training) mock giants x \(pixels) pixels trained in \(String(format: "%.1f", (clock.now - start).seconds)) s; fits with xtol \(xtol), \(precision) precision")

        let observed = Self.observations(count: spectra, pixels: pixels, seed: seed &+ 1)
        var codedFlux = [Float](), codedIvar = [Float](), worstSigma = 0.0, worstIvar = 0.0
        codedFlux.reserveCapacity(observed.flux.count)
        codedIvar.reserveCapacity(observed.ivar.count)
        let codingStart = clock.now
        for i in 0..<spectra {
            let range = (i * pixels)..<((i + 1) * pixels)
            let coded = try CompactSpectrumArrays(flux: Array(observed.flux[range]), ivar: Array(observed.ivar[range]))
            codedFlux += coded.flux
            codedIvar += coded.ivar
            worstSigma = max(worstSigma, coded.maximumFluxErrorInSigma)
            worstIvar = max(worstIvar, coded.maximumRelativeIvarError)
        }
        let codingSeconds = (clock.now - codingStart).seconds
        let exact = try predictor.predict(flux: observed.flux, ivar: observed.ivar, count: spectra, templates: templates)
        let decoded = try predictor.predict(flux: codedFlux, ivar: codedIvar, count: spectra, templates: templates)
        // The fit's own floor: the same spectra with every flux moved by about one unit in the last place.
        let nudged = observed.flux.enumerated().map { i, f in f * (i % 2 == 0 ? 1 + 0x1p-23 : 1 - 0x1p-23) }
        let floor = try predictor.predict(flux: nudged, ivar: observed.ivar, count: spectra, templates: templates)

        print(String(format: "  coding + decoding: %.1f microseconds per spectrum; worst flux error %.4f sigma, worst ivar error %.2e relative",
                     1e6 * codingSeconds / Double(spectra), worstSigma, worstIvar))
        let coding = Self.shifts(exact, decoded, labels: model.labelNames.count)
        let fitFloor = Self.shifts(exact, floor, labels: model.labelNames.count)
        print("  label change / formal error over \(coding[0].count) fits (S/N 10-300): coded - exact, and the fit's own floor")
        print("  (exact - exact with every flux moved by one unit in the last place: how reproducible the fit itself is):")
        print("    label      coded: median      p99      max   floor: median      p99      max")
        for (j, name) in model.labelNames.enumerated() {
            let a = coding[j].sorted(), b = fitFloor[j].sorted()
            guard !a.isEmpty, !b.isEmpty else { continue }
            func q(_ s: [Double], _ f: Double) -> Double { s[min(s.count - 1, Int(f * Double(s.count)))] }
            print(String(format: "    %-8@ %15.2e %8.2e %8.2e %15.2e %8.2e %8.2e", name as NSString, q(a, 0.5), q(a, 0.99),
                         a[a.count - 1], q(b, 0.5), q(b, 0.99), b[b.count - 1]))
        }
        let bytes = 2 * (24 + 4 * pixels), codedBytes = 2 * (24 + 2 * pixels) + 16
        print("  bytes per spectrum: real[] flux + ivar \(bytes), coded \(codedBytes) (\(String(format: "%.1f", 100 * Double(codedBytes) / Double(bytes)))%)")
        if !files.isEmpty { try measureFiles() }
    }

    /// Per label, |a - b| / formal error of a over the spectra both fitted.
    static func shifts(_ a: [Result<LabelFit, InferenceError>], _ b: [Result<LabelFit, InferenceError>], labels l: Int) -> [[Double]] {
        var shifts = [[Double]](repeating: [], count: l)
        for (a, b) in zip(a, b) {
            guard case let .success(x) = a, case let .success(y) = b else { continue }
            for j in 0..<l where x.formalErrors[j] > 0 { shifts[j].append(abs(x.labels[j] - y.labels[j]) / x.formalErrors[j]) }
        }
        return shifts
    }

    /// The coding's bounds on real files, preprocessed as ingest does.
    private func measureFiles() throws {
        let paths = try IngestFileList.expand(files)
        let preprocessor = try SpectrumPreprocessor(settings: PreprocessingSettings())
        var sigmas = [Double](), ivars = [Double](), steps = [Double]()
        for path in paths {
            guard let spectrum = try? LamostSpectrumReader.read(url: URL(fileURLWithPath: path)), let z = spectrum.metadata.z,
                  let pre = try? preprocessor.preprocess(wavelength: spectrum.wavelength, flux: spectrum.flux, ivar: spectrum.ivar,
                                                         andMask: spectrum.andMask, orMask: spectrum.orMask, redshift: z),
                  let coded = try? CompactSpectrumArrays(flux: pre.flux, ivar: pre.ivar) else { continue }
            sigmas.append(coded.maximumFluxErrorInSigma)
            ivars.append(coded.maximumRelativeIvarError)
            steps.append(Double(coded.fluxStep))
        }
        guard !sigmas.isEmpty else { print("  files: none could be read and preprocessed"); return }
        sigmas.sort(); ivars.sort(); steps.sort()
        print(String(format: "  %d files: flux step median %.2e (max %.2e); worst flux error per spectrum median %.4f sigma, max %.4f sigma; ivar relative error max %.2e",
                     sigmas.count, steps[steps.count / 2], steps[steps.count - 1], sigmas[sigmas.count / 2],
                     sigmas[sigmas.count - 1], ivars[ivars.count - 1]))
    }

    /// Mock giants at S/N 10-300 per pixel (log-uniform), noise drawn, 0.5% bad pixels; M x P arrays.
    static func observations(count m: Int, pixels p: Int, seed: UInt64) -> (flux: [Float], ivar: [Float]) {
        var rng = SplitMix64(seed: seed)
        let grid = LamostWavelengthGrid(coeff0: log10(3900), coeff1: 1e-4, pixelCount: p)
        let synthesizer = SpectrumSynthesizer(grid: grid)
        var flux = [Float](repeating: 1, count: m * p), ivar = [Float](repeating: 0, count: m * p)
        for i in 0..<m {
            let spectrum = synthesizer.normalisedFlux(SyntheticTrainingSet.giantLabels(rng: &rng))
            let snr = 10 * pow(30, rng.uniform())
            for j in 0..<p where rng.uniform() >= 0.005 {
                let sigma = max(spectrum[j], 0.05) / snr
                flux[i * p + j] = Float(spectrum[j] + sigma * rng.normal())
                ivar[i * p + j] = Float(1 / (sigma * sigma))
            }
        }
        return (flux, ivar)
    }
}
