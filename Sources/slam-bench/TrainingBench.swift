import ArgumentParser
import Foundation
import Primitives
import SLAMNumerics
import Simulator

/// `slam-bench train`: SLAM training speed on a synthetic problem of the paper's size (1,900 training
/// spectra x 1,901 pixels x 6 labels): fixed-hyperparameter training wall time, SMO iterations and time per
/// pixel, the default 220-point grid with 5-fold CV timed on a few pixels and extrapolated to all, and the
/// memory peak. With `--shards N`, the same training again as N pixel shards run in this process as the
/// workers of a sharded training run them (each shard through its stored bytes, kernels shared), assembled,
/// timed against the single run and checked bit for bit. Prints figures, asserts nothing.
struct TrainingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Time SLAM training (SVR per pixel) on a synthetic training set.")

    @Option(help: "Training stars N.") var stars = 1900
    @Option(help: "Pixels P.") var pixels = 1901
    @Option(help: "Labels L.") var labels = 6
    @Option(help: "fixed (C=64, epsilon=0.2, gamma=0.1) or default (220-point grid, 5-fold CV).") var grid = "fixed"
    @Option(help: "Train only N pixels, spread evenly over the P (every (P/N)-th), and extrapolate to all (default: all with --grid fixed, 32 with the grid).")
    var pixelLimit: Int?
    @Option(help: "SMO stopping tolerance.") var tolerance = 1e-3
    @Option(help: "SMO tolerance of the grid search's cross-validation solves (default: --tolerance).")
    var cvTolerance: Double?
    @Option(help: "Grid search: stop each C path after this many C values worse than its best (0: exhaustive).")
    var cPathPatience = 2
    @Flag(help: "Also run the grid search exhaustively (every C) and print how many pixels chose other hyperparameters.")
    var compareExhaustive = false
    @Option(help: "Also train with this tolerance and print how far its fitted flux and CV MSE are from the first.")
    var compareTolerance: Double?
    @Option(help: "Worker threads (default: active processors).") var workers: Int?
    @Option(help: "Also train in this many pixel shards (run concurrently, one per worker thread, through their bytes) and print the overhead against the single run and whether the model is bit-identical.")
    var shards: Int?
    @Flag(help: "Also train with every label moved by 1e-9 of itself (alternating sign), which moves a few percent of the single-precision kernel entries by one ulp, as another BLAS or processor kind might, and print how far the model moves.")
    var comparePerturbedLabels = false
    @Option(help: "Seed of the synthetic set.") var seed: UInt64 = 1
    @Option(help: "Synthetic flux: analytic (functions of the labels) or simulator (SpectrumSynthesizer giants).")
    var flux = "analytic"

    func validate() throws {
        guard stars >= 2, pixels >= 1, labels >= 1 else { throw ValidationError("need stars >= 2, pixels, labels >= 1") }
        guard grid == "fixed" || grid == "default" else { throw ValidationError("--grid is fixed or default") }
        guard flux == "analytic" || flux == "simulator" else { throw ValidationError("--flux is analytic or simulator") }
        if let pixelLimit, pixelLimit < 1 { throw ValidationError("--pixel-limit must be at least 1") }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
    }

    func run() throws {
        let trained = min(pixelLimit ?? (grid == "fixed" ? pixels : 32), pixels)
        let full = flux == "simulator"
            ? SyntheticTrainingSet.simulated(stars: stars, pixels: pixels, seed: seed)
            : SyntheticTrainingSet.make(stars: stars, pixels: pixels, labels: labels, seed: seed)
        // A sample spread over the whole spectrum: the first pixels alone (3900 A onwards) are not typical.
        let data = full.selectingPixels((0..<trained).map { $0 * pixels / trained })
        let trainer = SLAMTrainer(options: .init(tolerance: tolerance, workers: workers,
                                                 crossValidationTolerance: cvTolerance,
                                                 cPathPatience: cPathPatience > 0 ? cPathPatience : nil))
        let choice: HyperparameterChoice = grid == "fixed"
            ? .fixed(SVRHyperparameters(c: 64, epsilon: 0.2, gamma: 0.1))
            : .grid(.slamDefault(labelCount: labels), folds: 5, seed: seed)
        let threads = workers ?? ProcessInfo.processInfo.activeProcessorCount
        print("slam-bench train: N=\(stars) L=\(labels) P=\(pixels) (trained \(trained)) grid=\(grid) "
              + "tolerance=\(tolerance) cv-tolerance=\(cvTolerance ?? tolerance) c-path-patience=\(cPathPatience) "
              + "workers=\(threads) seed=\(seed) flux=\(flux)")
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.cpuSeconds()
        let (model, report) = try trainer.trainWithReport(data, hyperparameters: choice)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Self.cpuSeconds() - cpuStart
        let perPixel = seconds / Double(trained)
        let iterations = report.iterations.sorted()
        let svs = report.supportVectors.sorted()
        func median(_ v: [Int]) -> Int { v.isEmpty ? 0 : v[v.count / 2] }
        print(String(format: "wall time %.2f s for %d pixels: %.1f ms per pixel (wall, %d workers)",
                     seconds, trained, perPixel * 1e3, threads))
        print(String(format: "extrapolated to %d pixels: %.1f s (%.2f h)", pixels, perPixel * Double(pixels),
                     perPixel * Double(pixels) / 3600))
        let cpuPerPixel = cpu / Double(trained)
        print(String(format: "CPU time %.2f s: %.1f ms per pixel; all %d pixels: %.1f CPU s, %.1f s on %d cores",
                     cpu, cpuPerPixel * 1e3, pixels, cpuPerPixel * Double(pixels),
                     cpuPerPixel * Double(pixels) / Double(threads), threads))
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
        if let shards {
            Self.shardedRun(data, choice: choice, trainer: trainer, shards: shards, threads: threads, single: model, singleSeconds: seconds)
        }
        if comparePerturbedLabels {
            var moved = data
            // Alternating by star and label, so that standardisation does not take the change back out.
            moved.labels = data.labels.enumerated().map { k, x in x * (1 + ((k / labels + k) % 2 == 0 ? 1e-9 : -1e-9)) }
            let other = try trainer.train(moved, hyperparameters: choice)
            let gamma = model.hyperparameters.first?.gamma ?? 0.1
            let k1 = SVRKernelMatrix(points: model.trainingLabels, rows: stars, columns: labels, gamma: gamma)
            let k2 = SVRKernelMatrix(points: other.trainingLabels, rows: stars, columns: labels, gamma: gamma)
            let changed = zip(k1.values, k2.values).filter { $0.bitPattern != $1.bitPattern }.count
            let worst = zip(k1.values, k2.values).map { abs(Double($0) - Double($1)) }.max() ?? 0
            print(String(format: "labels moved by 1e-9 relative: %.2f%% of kernel entries (gamma %.2f) changed, by at most %.1e",
                         100 * Double(changed) / Double(max(1, k1.values.count)), gamma, worst))
            Self.compare(model, other, label: "labels moved by 1e-9 relative")
            var coefficientWorst = 0.0
            for (a, b) in zip(model.coefficients, other.coefficients) where a != 0 || b != 0 {
                coefficientWorst = max(coefficientWorst, abs(a - b) / max(abs(a), abs(b)))
            }
            print(String(format: "  dual coefficients differ by max %.2e relative (of the larger), intercepts by max %.2e",
                         coefficientWorst, zip(model.intercept, other.intercept).map { abs($0 - $1) }.max() ?? 0))
            let test = (flux == "simulator"
                ? SyntheticTrainingSet.simulated(stars: 400, pixels: pixels, seed: seed &+ 1)
                : SyntheticTrainingSet.make(stars: 400, pixels: pixels, labels: labels, seed: seed &+ 1))
                .selectingPixels((0..<trained).map { $0 * pixels / trained })
            try Self.compareLabels(model, other, training: data, test: test, label: "labels moved by 1e-9 relative")
        }
        if compareExhaustive, grid == "default" {
            let exhaustive = try SLAMTrainer(options: .init(tolerance: tolerance, workers: workers,
                                                            crossValidationTolerance: cvTolerance, cPathPatience: nil))
                .train(data, hyperparameters: choice)
            Self.compare(model, exhaustive, label: "exhaustive C paths")
        }
        if let compareTolerance {
            let other = try SLAMTrainer(options: .init(tolerance: compareTolerance, workers: workers,
                                                       crossValidationTolerance: compareTolerance))
                .train(data, hyperparameters: choice)
            Self.compare(model, other, label: "tolerance \(compareTolerance)")
        }
    }

    /// Trains `data` again as `shards` pixel shards, taken by `threads` lanes (a lane is one worker thread
    /// running one shard at a time, as a worker slot would), each shard serialised and decoded as it is
    /// stored, kernels shared through a process cache; prints the time against `singleSeconds` and whether
    /// the assembled model's bytes equal `single`'s.
    static func shardedRun(_ data: SLAMTrainingData, choice: HyperparameterChoice, trainer: SLAMTrainer, shards: Int, threads: Int,
                           single: SLAMModel, singleSeconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let problem = try SLAMTrainingProblem(data, hyperparameters: choice)
            let ranges = SLAMPixelShard.ranges(pixelCount: problem.pixelCount,
                                               pixelsPerShard: (problem.pixelCount + shards - 1) / shards)
            var options = trainer.options
            options.workers = 1
            let laneTrainer = SLAMTrainer(options: options)
            let cache = SVRKernelCache(byteCap: 1 << 30)
            let next = LockedValue(0)
            let results = LockedValue([Int: Result<[UInt8], SLAMTrainingError>]())
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, ranges.count))) { _ in
                while true {
                    let k = next.withLock { (n: inout Int) -> Int in defer { n += 1 }; return n }
                    guard k < ranges.count else { break }
                    let bytes = Result { () throws(SLAMTrainingError) -> [UInt8] in
                        try laneTrainer.trainShard(problem, pixels: ranges[k], kernels: cache).serialized()
                    }
                    results.withLock { $0[k] = bytes }
                }
            }
            let shardsBack = try results.current.sorted { $0.key < $1.key }.map { try SLAMPixelShard(serialized: try $0.value.get()) }
            let assembled = try SLAMShardAssembler.assemble(problem, shards: shardsBack)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "sharded: %d shards of up to %d pixels on %d lanes: %.2f s vs %.2f s single (overhead %+.1f%%); "
                         + "kernels computed %d; model bit-identical: %@", ranges.count, ranges.first?.count ?? 0,
                         min(threads, ranges.count), seconds, singleSeconds, 100 * (seconds / singleSeconds - 1),
                         cache.computedCount, assembled.model.serialized() == single.serialized() ? "yes" : "NO"))
        } catch {
            print("sharded: failed: \(error)")
        }
    }

    /// Prints the largest and RMS difference of two models' fitted standardised flux at the training stars,
    /// the largest relative difference of their per-pixel MSE, and how many pixels chose other hyperparameters.
    static func compare(_ a: SLAMModel, _ b: SLAMModel, label: String) {
        let n = a.trainingLabels.count / a.labelNames.count, l = a.labelNames.count, p = a.wavelength.count
        var worst = 0.0, sumSquares = 0.0, worstMSE = 0.0, changed = 0
        for j in 0..<p {
            if a.hyperparameters[j] != b.hyperparameters[j] { changed += 1; continue }
            let kernel = SVRKernelMatrix(points: a.trainingLabels, rows: n, columns: l, gamma: a.hyperparameters[j].gamma)
            func fitted(_ m: SLAMModel) -> [Double] {
                SVRSolution(coefficients: Array(m.coefficients[(j * n)..<((j + 1) * n)]), intercept: m.intercept[j],
                            dualObjective: 0, iterations: 0, converged: true).fittedValues(kernel: kernel)
            }
            for (x, y) in zip(fitted(a), fitted(b)) { worst = max(worst, abs(x - y)); sumSquares += (x - y) * (x - y) }
            if a.crossValidatedMSE[j].isFinite {
                worstMSE = max(worstMSE, abs(a.crossValidatedMSE[j] - b.crossValidatedMSE[j]) / a.crossValidatedMSE[j])
            }
        }
        print(String(format: "vs %@: fitted flux differs by max %.2e, RMS %.2e (standardised); MSE by max %.2e relative; "
                     + "%d of %d pixels chose other hyperparameters", label, worst,
                     (sumSquares / Double(max(1, n * (p - changed)))).squareRoot(), worstMSE, changed, p))
    }

    /// Predicts `test`'s spectra with both models (default prediction options, each model's own template
    /// library of the `training` spectra) and prints, per label, the largest and RMS difference of the two
    /// models' labels beside the first model's robust scatter (1.4826 MAD) against the true labels.
    static func compareLabels(_ a: SLAMModel, _ b: SLAMModel, training: SLAMTrainingData, test: SLAMTrainingData,
                              label: String) throws {
        func labels(_ model: SLAMModel) throws -> [[Double]?] {
            let predictor = try SLAMPredictor(model: model)
            let templates = try TemplateLibrary(normalisedFlux: training.flux, ivar: training.ivar,
                                                physicalLabels: training.labels, count: training.starCount,
                                                predictor: predictor)
            return try predictor.predict(flux: test.flux, ivar: test.ivar, count: test.starCount, templates: templates)
                .map { try? $0.get().labels }
        }
        let first = try labels(a), second = try labels(b)
        let l = a.labelNames.count
        var rows: [String] = []
        for c in 0..<l {
            var differences: [Double] = [], residuals: [Double] = []
            for i in 0..<test.starCount {
                guard let x = first[i], let y = second[i] else { continue }
                differences.append(abs(x[c] - y[c]))
                residuals.append(x[c] - test.labels[i * l + c])
            }
            guard !differences.isEmpty else { continue }
            let rms = (differences.reduce(0) { $0 + $1 * $1 } / Double(differences.count)).squareRoot()
            let median = residuals.sorted()[residuals.count / 2]
            let mad = residuals.map { abs($0 - median) }.sorted()[residuals.count / 2]
            rows.append(String(format: "    %-8@ max %.2e  RMS %.2e  (scatter against the truth %.3g)", a.labelNames[c],
                               differences.max() ?? 0, rms, 1.4826 * mad))
        }
        print("vs \(label): labels of \(test.starCount) held-out spectra (S/N 70) differ by")
        rows.forEach { print($0) }
    }

    /// User + system CPU time of the process so far, seconds (all threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
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
        var rng = SplitMix64(seed: seed)
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

extension SyntheticTrainingSet {
    /// Mock K giants (Teff 3800-5400 K, log g on a giant branch, [M/H], [alpha/M] anti-correlated with it,
    /// [C/M], [N/M]) synthesised by `SpectrumSynthesizer` on a log-linear grid of `pixels` pixels from 3900 A,
    /// with Gaussian noise at S/N 70 per pixel and 0.5% bad pixels. Six labels.
    static func simulated(stars n: Int, pixels p: Int, seed: UInt64) -> SLAMTrainingData {
        var rng = SplitMix64(seed: seed)
        let grid = LamostWavelengthGrid(coeff0: log10(3900), coeff1: 1e-4, pixelCount: p)
        let synthesizer = SpectrumSynthesizer(grid: grid)
        var labelValues = [Double](), flux = [Float](repeating: 0, count: n * p), ivar = flux
        for i in 0..<n {
            let labels = giantLabels(rng: &rng)
            labelValues += labels.vector
            let spectrum = synthesizer.normalisedFlux(labels)
            for j in 0..<p {
                let sigma = max(spectrum[j], 0.05) / 70
                flux[i * p + j] = Float(spectrum[j] + sigma * rng.normal())
                ivar[i * p + j] = rng.uniform() < 0.005 ? 0 : Float(1 / (sigma * sigma))
            }
        }
        return SLAMTrainingData(labels: labelValues, labelNames: StellarLabels.names, flux: flux, ivar: ivar,
                                wavelength: grid.wavelengths)
    }
}

extension SyntheticTrainingSet {
    /// Labels of one mock K giant: Teff 3800-5400 K, log g on a giant branch, [M/H], [alpha/M]
    /// anti-correlated with it, [C/M], [N/M].
    static func giantLabels(rng: inout SplitMix64) -> StellarLabels {
        let teff = min(5400, max(3800, 4600 + 350 * rng.normal()))
        let logg = 2.5 + (teff - 4600) / 600 + 0.25 * rng.normal()
        let mH = min(0.5, max(-1.5, -0.3 + 0.35 * rng.normal()))
        let alpha = max(-0.1, -0.25 * mH + 0.05 * rng.normal())
        return StellarLabels(teff: teff, logg: logg, mH: mH, alphaM: alpha, cM: 0.12 * rng.normal(),
                             nM: 0.2 + 0.15 * rng.normal())
    }
}

extension SLAMTrainingData {
    /// The same stars with only the given pixels, in that order.
    func selectingPixels(_ pixels: [Int]) -> SLAMTrainingData {
        let p = pixelCount, n = starCount
        guard pixels.count < p else { return self }
        var flux = [Float](), ivar = [Float]()
        flux.reserveCapacity(n * pixels.count)
        ivar.reserveCapacity(n * pixels.count)
        for i in 0..<n {
            for j in pixels { flux.append(self.flux[i * p + j]); ivar.append(self.ivar[i * p + j]) }
        }
        return SLAMTrainingData(labels: labels, labelNames: labelNames, flux: flux, ivar: ivar,
                                wavelength: pixels.map { wavelength[$0] }, starWeights: starWeights)
    }
}

extension Array {
    fileprivate subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
