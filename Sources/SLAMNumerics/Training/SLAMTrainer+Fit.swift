import Primitives

extension SLAMTrainer {
    /// Fits pixels `pixels` of `set`, each with its own hyperparameters (`hyperparameters[k]` for pixel
    /// `pixels.lowerBound + k`), sharing one kernel per distinct gamma. `storeTrainingMSE`: each pixel's
    /// training MSE goes to `mse` (else it stays +infinity). Pixels with no usable star keep zero
    /// coefficients, intercept 0 and MSE +infinity.
    func fitPixels(
        _ set: PreparedTrainingSet, pixels: Range<Int>, hyperparameters: [SVRHyperparameters], storeTrainingMSE: Bool,
        workers: Int, kernels: SVRKernelCache?, progress: SLAMShardProgress
    ) -> SLAMPixelFits {
        let n = set.n, m = pixels.count
        let outputs = SLAMFitOutputs(coefficients: SharedSlots(repeating: 0.0, count: m * n),
                                     intercept: SharedSlots(repeating: 0.0, count: m),
                                     mse: SharedSlots(repeating: Double.infinity, count: m),
                                     iterations: SharedSlots(repeating: 0, count: m),
                                     supportVectors: SharedSlots(repeating: 0, count: m))
        for gamma in Set(hyperparameters.map(\.gamma)).sorted() {
            let local = (0..<m).filter { hyperparameters[$0].gamma == gamma && set.usableCount[pixels.lowerBound + $0] > 0 }
            guard !local.isEmpty else { continue }
            Self.withKernel(set, gamma: gamma, cache: kernels) { kernel in
                PixelParallelRunner.run(
                    count: local.count, workers: workers, makeState: { SMOWorkspace() },
                    body: { job, workspace in
                        let k = local[job]
                        fitPixel(pixels.lowerBound + k, slot: k, set: set, hyperparameters: hyperparameters[k], kernel: kernel,
                                 storeTrainingMSE: storeTrainingMSE, workspace: workspace, outputs: outputs)
                    },
                    completed: progress.unitDone)
            }
        }
        return SLAMPixelFits(coefficients: outputs.coefficients.array, intercept: outputs.intercept.array,
                             mse: outputs.mse.array, iterations: outputs.iterations.array,
                             supportVectors: outputs.supportVectors.array)
    }

    /// The kernel of `set`'s standardised labels for `gamma`: from `cache` when given, else computed.
    static func withKernel<Result>(_ set: PreparedTrainingSet, gamma: Double, cache: SVRKernelCache?,
                                   _ body: (SVRKernelMatrix) -> Result) -> Result {
        if let cache { return cache.withKernel(points: set.labels, rows: set.n, columns: set.l, gamma: gamma, body) }
        return body(SVRKernelMatrix(points: set.labels, rows: set.n, columns: set.l, gamma: gamma))
    }

    /// Fits pixel `j` on all stars and writes its results to row `slot` of the outputs.
    private func fitPixel(
        _ j: Int, slot: Int, set: PreparedTrainingSet, hyperparameters h: SVRHyperparameters, kernel: SVRKernelMatrix,
        storeTrainingMSE: Bool, workspace: SMOWorkspace, outputs: SLAMFitOutputs
    ) {
        let n = set.n
        let o = set.offset(j)
        let y = Array(set.targets[o..<(o + n)])
        let w = Array(set.weights[o..<(o + n)])
        kernel.values.withUnsafeBufferPointer { k in
            let solution = workspace.solve(
                kernel: k.baseAddress!, n: n, targets: y, caps: w.map { $0 * h.c }, epsilon: h.epsilon,
                tolerance: options.tolerance, shrinking: options.shrinking,
                maxIterations: max(10_000_000, 100 * n), warmStart: nil)
            for i in 0..<n { outputs.coefficients[slot * n + i] = solution.coefficients[i] }
            outputs.intercept[slot] = solution.intercept
            outputs.iterations[slot] = solution.iterations
            outputs.supportVectors[slot] = solution.supportVectorCount
            if storeTrainingMSE {
                outputs.mse[slot] = Self.trainingMSE(solution, kernel: k.baseAddress!, n: n, targets: y, weights: w)
            }
        }
    }

    /// Mean squared residual over the weight-1 training stars (standardised flux units squared).
    static func trainingMSE(_ solution: SVRSolution, kernel: UnsafePointer<Float>, n: Int, targets: [Double],
                            weights: [Double]) -> Double {
        var fitted = [Double](repeating: solution.intercept, count: n)
        for m in 0..<n where solution.coefficients[m] != 0 {
            let beta = solution.coefficients[m]
            let row = kernel + m * n
            for i in 0..<n { fitted[i] += beta * Double(row[i]) }
        }
        var sum = 0.0, count = 0.0
        for i in 0..<n where weights[i] > 0 {
            let r = fitted[i] - targets[i]
            sum += r * r; count += 1
        }
        return count > 0 ? sum / count : .infinity
    }
}

/// Per-pixel results of `SLAMTrainer.fitPixels` for a range of m pixels: coefficients m x N row-major,
/// the rest m entries.
struct SLAMPixelFits {
    var coefficients: [Double]
    var intercept: [Double]
    var mse: [Double]
    var iterations: [Int]
    var supportVectors: [Int]
}

/// Per-pixel outputs of `SLAMTrainer.fitPixels`, filled by parallel workers at disjoint pixels.
struct SLAMFitOutputs: Sendable {
    let coefficients: SharedSlots<Double>
    let intercept: SharedSlots<Double>
    let mse: SharedSlots<Double>
    let iterations: SharedSlots<Int>
    let supportVectors: SharedSlots<Int>
}

/// Progress of one shard over all its units (a pixel's grid search for one gamma, a final fit, a fold
/// fit): `report(done, total)` from worker threads.
struct SLAMShardProgress: Sendable {
    let total: Int
    let report: (@Sendable (Int, Int) -> Void)?
    let done = LockedValue(0)

    /// The per-job completion callback of `PixelParallelRunner` (nil when nobody listens).
    var unitDone: (@Sendable (Int) -> Void)? {
        guard let report else { return nil }
        let done = self.done, total = self.total
        return { @Sendable _ in report(done.add(1), total) }
    }
}
