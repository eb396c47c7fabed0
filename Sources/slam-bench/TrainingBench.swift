import ArgumentParser
import Foundation
import Numerics

/// `slam-bench train`: SLAM training speed on a synthetic problem of the paper's size (1,900 training
/// spectra x 1,901 pixels x 6 labels): fixed-hyperparameter training wall time, SMO iterations and time per
/// pixel, the default 220-point grid with 5-fold CV timed on a few pixels and extrapolated to all, and the
/// memory peak. Prints figures, asserts nothing.
struct TrainingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Time SLAM training (SVR per pixel) on a synthetic training set.")

    @Option(help: "Training stars N.") var stars = 1900
    @Option(help: "Pixels P.") var pixels = 1901
    @Option(help: "Labels L.") var labels = 6
    @Option(help: "fixed (C=64, epsilon=0.2, gamma=0.1) or default (220-point grid, 5-fold CV).") var grid = "fixed"
    @Option(help: "Train only the first N pixels and extrapolate to all.") var pixelLimit: Int?
    @Option(help: "SMO stopping tolerance.") var tolerance = 1e-3
    @Option(help: "Worker threads (default: active processors).") var workers: Int?
    @Option(help: "Seed of the synthetic set.") var seed: UInt64 = 1

    func validate() throws {
        guard stars >= 2, pixels >= 1, labels >= 1 else { throw ValidationError("need stars >= 2, pixels, labels >= 1") }
        guard grid == "fixed" || grid == "default" else { throw ValidationError("--grid is fixed or default") }
    }

    func run() throws {
        let trained = min(pixelLimit ?? (grid == "fixed" ? pixels : 8), pixels)
        let data = SyntheticTrainingSet.make(stars: stars, pixels: trained, labels: labels, seed: seed)
        let trainer = SLAMTrainer(options: .init(tolerance: tolerance, workers: workers))
        let choice: HyperparameterChoice = grid == "fixed"
            ? .fixed(SVRHyperparameters(c: 64, epsilon: 0.2, gamma: 0.1))
            : .grid(.slamDefault(labelCount: labels), folds: 5, seed: seed)
        let threads = workers ?? ProcessInfo.processInfo.activeProcessorCount
        print("slam-bench train: N=\(stars) L=\(labels) P=\(pixels) (trained \(trained)) grid=\(grid) "
              + "tolerance=\(tolerance) workers=\(threads) seed=\(seed)")
        let start = DispatchTime.now().uptimeNanoseconds
        let (model, report) = try trainer.trainWithReport(data, hyperparameters: choice)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let perPixel = seconds / Double(trained)
        let iterations = report.iterations.sorted()
        let svs = report.supportVectors.sorted()
        func median(_ v: [Int]) -> Int { v.isEmpty ? 0 : v[v.count / 2] }
        print(String(format: "wall time %.2f s for %d pixels: %.1f ms per pixel (wall, %d workers)",
                     seconds, trained, perPixel * 1e3, threads))
        print(String(format: "extrapolated to %d pixels: %.1f s (%.2f h)", pixels, perPixel * Double(pixels),
                     perPixel * Double(pixels) / 3600))
        print("SMO iterations per pixel (all solves): median \(median(iterations)), min \(iterations.first ?? 0), "
              + "max \(iterations.last ?? 0); solves per pixel \(report.solves.first ?? 0)")
        print("support vectors per pixel: median \(median(svs)), min \(svs.first ?? 0), max \(svs.last ?? 0)")
        let mse = model.crossValidatedMSE.filter(\.isFinite).sorted()
        if !mse.isEmpty {
            print(String(format: "%@ MSE per pixel (standardised): median %.4f", grid == "fixed" ? "training" : "CV",
                         mse[mse.count / 2]))
        }
        print("model: \(model.serialized().count) bytes serialised")
        print("memory peak (VmHWM): \(Self.peakMemory())")
    }

    static func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "n/a" }
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }
            .map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "n/a"
    }
}

/// A synthetic SLAM training set: labels drawn around giant-like values; each pixel's normalised flux is a
/// smooth non-linear function of the labels (a saturating line depth modulated by a second direction in
/// label space) plus Gaussian noise at S/N ~ 70, with 0.5% bad pixels (ivar 0).
enum SyntheticTrainingSet {
    static func make(stars n: Int, pixels p: Int, labels l: Int, seed: UInt64) -> SLAMTrainingData {
        var rng = BenchRandom(seed: seed)
        let means = [4600.0, 2.5, -0.3, 0.1, 0.0, 0.2, 0, 0, 0, 0]
        let sds = [350.0, 0.7, 0.35, 0.1, 0.15, 0.2, 1, 1, 1, 1]
        var latent = [Double](repeating: 0, count: n * l)
        var labelValues = [Double](repeating: 0, count: n * l)
        for i in 0..<n {
            for c in 0..<l {
                let t = rng.normal()
                latent[i * l + c] = t
                labelValues[i * l + c] = means[c % means.count] + sds[c % sds.count] * t
            }
        }
        var flux = [Float](repeating: 0, count: n * p)
        var ivar = [Float](repeating: 0, count: n * p)
        let noise = 1.0 / 70
        for j in 0..<p {
            let a = (0..<l).map { _ in rng.normal() * 0.8 }
            let b = (0..<l).map { _ in rng.normal() * 0.6 }
            let depth = 0.05 + 0.35 * rng.uniform()
            let offset = rng.normal()
            for i in 0..<n {
                var u = offset, v = 0.0
                for c in 0..<l { u += a[c] * latent[i * l + c]; v += b[c] * latent[i * l + c] }
                let line = depth / (1 + exp(-u)) * (1 + 0.3 * sin(2 * v))
                let f = 1 - line + noise * rng.normal()
                let bad = rng.uniform() < 0.005
                flux[i * p + j] = Float(f)
                ivar[i * p + j] = bad ? 0 : Float(1 / (noise * noise))
            }
        }
        let names = (0..<l).map { ["teff", "logg", "m_h", "alpha_m", "c_m", "n_m"][safe: $0] ?? "label\($0)" }
        let wavelength = (0..<p).map { 3900 + Double($0) }
        return SLAMTrainingData(labels: labelValues, labelNames: names, flux: flux, ivar: ivar, wavelength: wavelength)
    }
}

extension Array {
    fileprivate subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
