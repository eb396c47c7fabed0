import CBLAS
import Primitives

extension SLAMTrainer {
    /// Per pixel of `pixels`, the grid point of smallest K-fold cross-validated MSE (the final fit is
    /// `fitPixels`'s). Returns m-entry arrays: the best point, its CV MSE (+infinity where unusable), and the
    /// SMO iterations and solves spent.
    ///
    /// Gamma by gamma (to bound memory), the kernel of all stars is taken once (from `kernels` when given),
    /// and from it each fold's training kernel and its training x held-out block, all shared by every pixel.
    /// Within a pixel and fold, each epsilon's C path runs in ascending C, each solution warm-starting the
    /// next (a solution for a smaller C is feasible for a larger one), and stops early when the CV MSE keeps
    /// rising (`Options.cPathPatience`). Held-out stars of weight 0 are not scored. Ties go to the first grid
    /// point in (gamma, epsilon, ascending C) order. A pixel's result depends on nothing but its own data,
    /// so any split of the pixels into ranges gives the same bits.
    func searchPixels(
        _ set: PreparedTrainingSet, pixels: Range<Int>, grid: HyperparameterGrid, folds foldCount: Int, seed: UInt64,
        workers: Int, kernels: SVRKernelCache?, progress: SLAMShardProgress
    ) -> (best: [SVRHyperparameters], bestMSE: [Double], iterations: [Int], solves: [Int]) {
        let n = set.n, m = pixels.count
        let folds = CrossValidationFolds(count: n, folds: foldCount, seed: seed)
        let trainIndices = (0..<foldCount).map { folds.trainIndices($0) }
        let testIndices = (0..<foldCount).map { folds.testIndices($0) }
        let cOrder = grid.c.indices.sorted { grid.c[$0] < grid.c[$1] }
        let first = SVRHyperparameters(c: grid.c[0], epsilon: grid.epsilon[0], gamma: grid.gamma[0])
        let outputs = SLAMGridOutputs(bestMSE: SharedSlots(repeating: Double.infinity, count: m),
                                      best: SharedSlots(repeating: first, count: m),
                                      iterations: SharedSlots(repeating: 0, count: m), solves: SharedSlots(repeating: 0, count: m))
        let local = (0..<m).filter { set.usableCount[pixels.lowerBound + $0] > 0 }

        for gamma in grid.gamma where !local.isEmpty {
            Self.withKernel(set, gamma: gamma, cache: kernels) { kernel in
                let foldKernels = trainIndices.map { kernel.submatrix($0) }
                // Training x held-out kernel block per fold, row-major |train| x |test|.
                let blocks: [[Float]] = (0..<foldCount).map { f in
                    var block = [Float](repeating: 0, count: trainIndices[f].count * testIndices[f].count)
                    for (r, i) in trainIndices[f].enumerated() {
                        for (c, t) in testIndices[f].enumerated() { block[r * testIndices[f].count + c] = kernel[i, t] }
                    }
                    return block
                }
                let context = SLAMGridFoldContext(
                    grid: grid, gamma: gamma, cOrder: cOrder, trainIndices: trainIndices, testIndices: testIndices,
                    foldKernels: foldKernels, blocks: blocks)
                PixelParallelRunner.run(
                    count: local.count, workers: workers, makeState: { SMOWorkspace() },
                    body: { job, workspace in
                        searchPixel(pixels.lowerBound + local[job], slot: local[job], set: set, context: context,
                                    workspace: workspace, outputs: outputs)
                    },
                    completed: progress.unitDone)
            }
        }
        return (outputs.best.array, outputs.bestMSE.array, outputs.iterations.array, outputs.solves.array)
    }

    /// Cross-validates pixel `j` over one gamma's (epsilon, C) grid and keeps its best point so far in row
    /// `slot` of the outputs.
    ///
    /// For each epsilon the C path runs in ascending C with all folds in step (each fold's solution
    /// warm-starting its next C), so that the path can stop early: after `options.cPathPatience` consecutive
    /// C values whose cross-validated MSE is above the path's best, the larger C values are not solved.
    /// Large C is where SMO is slowest, and pixels whose flux is mostly noise prefer small C.
    private func searchPixel(
        _ j: Int, slot: Int, set: PreparedTrainingSet, context: SLAMGridFoldContext, workspace: SMOWorkspace, outputs: SLAMGridOutputs
    ) {
        let grid = context.grid
        let tolerance = options.crossValidationTolerance ?? options.tolerance
        let folds = context.trainIndices.indices.map { f in
            SLAMPixelFold(train: context.trainIndices[f], test: context.testIndices[f], targets: set.targets,
                          weights: set.weights, pixelOffset: set.offset(j))
        }
        let scored = folds.reduce(0) { $0 + $1.scoredCount }
        guard scored > 0 else { return }
        for epsilon in grid.epsilon {
            var warm = [[Double]?](repeating: nil, count: folds.count)
            var warmGradient = [[Double]?](repeating: nil, count: folds.count)
            var pathBest = Double.infinity
            var worseInARow = 0
            for ci in context.cOrder {
                let c = grid.c[ci]
                var sse = 0.0
                for (f, fold) in folds.enumerated() {
                    context.foldKernels[f].values.withUnsafeBufferPointer { k in
                        context.blocks[f].withUnsafeBufferPointer { block in
                            let solution = workspace.solve(
                                kernel: k.baseAddress!, n: fold.train.count, targets: fold.y,
                                caps: fold.w.map { $0 * c }, epsilon: epsilon, tolerance: tolerance,
                                shrinking: options.shrinking, maxIterations: max(10_000_000, 100 * fold.train.count),
                                warmStart: warm[f], warmGradient: warmGradient[f])
                            warm[f] = solution.coefficients
                            warmGradient[f] = workspace.finalGradient()
                            outputs.iterations[slot] += solution.iterations
                            outputs.solves[slot] += 1
                            sse += Self.heldOutSSE(solution, block: block.baseAddress!, testCount: fold.test.count,
                                                   targets: fold.yTest, weights: fold.wTest)
                        }
                    }
                }
                let mse = sse / Double(scored)
                if mse < outputs.bestMSE[slot] {
                    outputs.bestMSE[slot] = mse
                    outputs.best[slot] = SVRHyperparameters(c: c, epsilon: epsilon, gamma: context.gamma)
                }
                if mse < pathBest {
                    pathBest = mse; worseInARow = 0
                } else {
                    worseInARow += 1
                    if let patience = options.cPathPatience, worseInARow >= max(1, patience) { break }
                }
            }
        }
    }

    /// Sum of squared held-out residuals over the weight-1 held-out stars; `block` is |train| x `testCount`.
    static func heldOutSSE(_ solution: SVRSolution, block: UnsafePointer<Float>, testCount: Int,
                           targets: [Double], weights: [Double]) -> Double {
        // predicted = block^T beta + b: one single-precision matrix-vector product (|train| x |test| block).
        let beta = solution.coefficients.map { Float($0) }
        var predicted = [Float](repeating: 0, count: testCount)
        beta.withUnsafeBufferPointer { x in
            predicted.withUnsafeMutableBufferPointer { y in
                cblas_sgemv(CblasRowMajor, CblasTrans, Int32(beta.count), Int32(testCount), 1, block,
                            Int32(testCount), x.baseAddress, 1, 0, y.baseAddress, 1)
            }
        }
        var sum = 0.0
        for t in 0..<testCount where weights[t] > 0 {
            let r = Double(predicted[t]) + solution.intercept - targets[t]
            sum += r * r
        }
        return sum
    }
}

/// One pixel's targets and weights on one fold's training and held-out stars.
struct SLAMPixelFold {
    let train: [Int]
    let test: [Int]
    let y: [Double]
    let w: [Double]
    let yTest: [Double]
    let wTest: [Double]
    /// Held-out stars of weight > 0 (the ones scored).
    let scoredCount: Int

    init(train: [Int], test: [Int], targets: [Double], weights: [Double], pixelOffset: Int) {
        self.train = train
        self.test = test
        y = train.map { targets[pixelOffset + $0] }
        w = train.map { weights[pixelOffset + $0] }
        yTest = test.map { targets[pixelOffset + $0] }
        wTest = test.map { weights[pixelOffset + $0] }
        scoredCount = wTest.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
    }
}

/// What every pixel shares for one gamma of the grid search: folds, their kernels and held-out blocks.
struct SLAMGridFoldContext: Sendable {
    let grid: HyperparameterGrid
    let gamma: Double
    /// Indices of `grid.c` in ascending C.
    let cOrder: [Int]
    let trainIndices: [[Int]]
    let testIndices: [[Int]]
    let foldKernels: [SVRKernelMatrix]
    /// Per fold, the |train| x |test| kernel block, row-major.
    let blocks: [[Float]]
}

/// Per-pixel state of the grid search, filled by parallel workers at disjoint pixels.
struct SLAMGridOutputs: Sendable {
    let bestMSE: SharedSlots<Double>
    let best: SharedSlots<SVRHyperparameters>
    let iterations: SharedSlots<Int>
    let solves: SharedSlots<Int>
}
