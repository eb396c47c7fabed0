import ArgumentParser
import Foundation
import Primitives
import SLAMNumerics

/// `slam-bench preprocess`: SLAM preprocessing throughput on synthetic LAMOST-like spectra (3909 pixels
/// on the log-linear grid 10^(3.5682 + 1e-4 i), continuum with absorption lines and noise). Prints
/// spectra/s on one thread and on two, and the time per stage; asserts nothing.
struct PreprocessBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preprocess",
        abstract: "Rest-frame shift, two-pass spline continuum and resampling of synthetic spectra.")

    @Option(help: "Number of spectra preprocessed per measurement.")
    var spectra = 5000

    @Option(help: "Distinct synthetic spectra, cycled.")
    var distinct = 64

    @Option(help: "Seed of the synthetic spectra.")
    var seed: UInt64 = 1

    @Option(help: "Repeat each throughput measurement this many times and report the best (the machine is shared).")
    var repeats = 3

    func validate() throws {
        guard spectra > 0, distinct > 0, repeats > 0 else {
            throw ValidationError("--spectra, --distinct and --repeats must be positive")
        }
    }

    func run() async throws {
        let preprocessor = try SpectrumPreprocessor()
        let inputs = (0..<distinct).map { BenchSpectrum(seed: seed &+ UInt64($0)) }
        print("preprocess: \(spectra) spectra (\(distinct) distinct, seed \(seed)), \(inputs[0].flux.count) pixels -> "
            + "\(preprocessor.gridWavelengths.count) grid pixels; \(preprocessor.version)")
        var sink = Self.process(preprocessor, inputs, range: 0..<min(200, spectra))  // warm-up

        let clock = ContinuousClock()
        var single = Double.infinity, double = Double.infinity
        for _ in 0..<repeats {
            let start = clock.now
            sink += Self.process(preprocessor, inputs, range: 0..<spectra)
            single = min(single, (clock.now - start).seconds)
        }
        print(String(format: "  1 thread : %8.0f spectra/s  (%.1f us/spectrum; best of %d)",
            Double(spectra) / single, 1e6 * single / Double(spectra), repeats))
        let half = spectra / 2
        for _ in 0..<repeats {
            let start = clock.now
            sink += await withTaskGroup(of: Double.self) { group in
                group.addTask { Self.process(preprocessor, inputs, range: 0..<half) }
                group.addTask { Self.process(preprocessor, inputs, range: half..<spectra) }
                return await group.reduce(0, +)
            }
            double = min(double, (clock.now - start).seconds)
        }
        print(String(format: "  2 threads: %8.0f spectra/s  (best of %d)", Double(spectra) / double, repeats))

        // Per stage, on one thread: the observer notes the time each stage ends (its own cost, two clock
        // reads per stage, is included, so the stages add up to a little more than the time above).
        var totals = [PreprocessingStage: Duration]()
        var last = clock.now
        let observer: (PreprocessingStage) -> Void = { stage in
            let now = clock.now
            totals[stage, default: .zero] += now - last
            last = now
        }
        for i in 0..<spectra {
            let s = inputs[i % inputs.count]
            last = clock.now
            if let out = try? preprocessor.preprocess(
                wavelength: s.wavelength, flux: s.flux, ivar: s.ivar, badMask: nil, redshift: s.redshift,
                stageObserver: observer) {
                sink += Double(out.flux[out.flux.count / 2])
            }
        }
        for stage in PreprocessingStage.allCases {
            let us = 1e6 * (totals[stage] ?? .zero).seconds / Double(spectra)
            let name = "\(stage)"
            print("  " + name + String(repeating: " ", count: max(1, 16 - name.count)) + String(format: "%7.2f us/spectrum", us))
        }
        print("  (sink \(sink))")
    }

    /// Preprocesses spectra `range` (cycling through `inputs`); returns a checksum so the work is kept.
    static func process(_ p: SpectrumPreprocessor, _ inputs: [BenchSpectrum], range: Range<Int>) -> Double {
        var sum = 0.0, rejected = 0
        for i in range {
            let s = inputs[i % inputs.count]
            do {
                let out = try p.preprocess(
                    wavelength: s.wavelength, flux: s.flux, ivar: s.ivar, badMask: nil, redshift: s.redshift)
                sum += Double(out.flux[out.flux.count / 2]) + Double(out.badPixelCount)
            } catch {
                rejected += 1
            }
        }
        if rejected > 0 { print("  warning: \(rejected) synthetic spectra rejected") }
        return sum
    }

}

/// A synthetic LAMOST-like spectrum: Planck-like continuum (T 4000-6500 K) times a quadratic, 250
/// Gaussian absorption lines, S/N 20-150, redshift within +-300 km/s. SplitMix64, deterministic.
struct BenchSpectrum: Sendable {
    var wavelength: [Double] = []
    var flux: [Float] = []
    var ivar: [Float] = []
    var redshift: Double

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func uniform() -> Double { random.uniform() }
        func normal() -> Double { random.normal() }
        redshift = (uniform() - 0.5) * 2e-3
        let temperature = 4000 + 2500 * uniform(), snr = 20 + 130 * uniform()
        let tilt = 0.3 * (uniform() - 0.5)
        let lines = (0..<250).map { _ in (3650 + 5550 * uniform(), 0.05 + 0.55 * uniform(), 1 + 2 * uniform()) }
        for i in 0..<3909 {
            let observed = pow(10, 3.5682 + 1e-4 * Double(i)), rest = observed / (1 + redshift)
            let micron = rest * 1e-4, u = (rest - 6000) / 3000
            let continuum = 1e4 / (pow(micron, 5) * (exp(14388 / (micron * temperature)) - 1)) * (1 + tilt * u - 0.1 * u * u)
            var profile = 1.0
            for (centre, depth, sigma) in lines where abs(rest - centre) < 6 * sigma {
                let d = (rest - centre) / sigma
                profile *= 1 - depth * exp(-0.5 * d * d)
            }
            let sigma = continuum / snr
            wavelength.append(observed)
            flux.append(Float(continuum * profile + sigma * normal()))
            ivar.append(Float(1 / (sigma * sigma)))
        }
    }
}
