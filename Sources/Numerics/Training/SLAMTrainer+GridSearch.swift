extension SLAMTrainer {
    /// Per pixel, the grid point of smallest K-fold cross-validated MSE, then the final fit on all stars.
    ///
    /// Gamma by gamma (to bound memory), the kernel of all stars is computed once, and from it each fold's
    /// training kernel and its training x held-out block, all shared by every pixel. Within a pixel and
    /// fold, each epsilon's C path runs in ascending C, each solution warm-starting the next (a solution for
    /// a smaller C is feasible for a larger one). Held-out stars of weight 0 are not scored. Ties go to the
    /// first grid point in (gamma, epsilon, C) order as given.
    func searchAndFit(
        _ set: PreparedTrainingSet, grid: HyperparameterGrid, folds foldCount: Int, seed: UInt64, workers: Int,
        progress: (@Sendable (Int, Int) -> Void)?
    ) -> (model: SLAMModel, report: Report) {
        let n = set.n, p = set.p
        let folds = CrossValidationFolds(count: n, folds: foldCount, seed: seed)
        let trainIndices = (0..<foldCount).map { folds.trainIndices($0) }
        let testIndices = (0..<foldCount).map { folds.testIndices($0) }
        let cOrder = grid.c.indices.sorted { grid.c[$0] < grid.c[$1] }
        let first = SVRHyperparameters(c: grid.c[0], epsilon: grid.epsilon[0], gamma: grid.gamma[0])
        let bestMSE = PixelResultBuffer(repeating: Double.infinity, count: p)
        let best = PixelResultBuffer(repeating: first, count: p)
        let iterations = PixelResultBuffer(repeating: 0, count: p)
        let solves = PixelResultBuffer(repeating: 0, count: p)
        let pixels = (0..<p).filter { set.usableCount[$0] > 0 }
        let total = pixels.count * (grid.gamma.count + 1)

        for (gammaIndex, gamma) in grid.gamma.enumerated() {
            let kernel = SVRKernelMatrix(points: set.labels, rows: n, columns: set.l, gamma: gamma)
            let foldKernels = trainIndices.map { kernel.submatrix($0) }
            // Training x held-out kernel block per fold, row-major |train| x |test|.
            let blocks: [[Float]] = (0..<foldCount).map { f in
                var block = [Float](repeating: 0, count: trainIndices[f].count * testIndices[f].count)
                for (r, i) in trainIndices[f].enumerated() {
                    for (c, t) in testIndices[f].enumerated() { block[r * testIndices[f].count + c] = kernel[i, t] }
                }
                return block
            }
            let offset = gammaIndex * pixels.count
            let context = SLAMGridFoldContext(
                grid: grid, gamma: gamma, cOrder: cOrder, trainIndices: trainIndices, testIndices: testIndices,
                foldKernels: foldKernels, blocks: blocks)
            let outputs = SLAMGridOutputs(bestMSE: bestMSE, best: best, iterations: iterations, solves: solves)
            PixelParallelRunner.run(
                count: pixels.count, workers: workers, makeState: { SMOWorkspace() },
                body: { job, workspace in
                    searchPixel(pixels[job], set: set, context: context, workspace: workspace, outputs: outputs)
                },
                completed: Self.progressReporter(progress, offset: offset, total: total))
        }
        let prior = Report(iterations: iterations.array, supportVectors: [Int](repeating: 0, count: p),
                           solves: solves.array)
        return fit(set, hyperparameters: best.array, crossValidatedMSE: bestMSE.array, workers: workers,
                   progress: progress, priorReport: prior, progressOffset: grid.gamma.count * pixels.count,
                   progressTotal: total)
    }

    /// Cross-validates pixel `j` over one gamma's (epsilon, C) grid and keeps its best point so far.
    private func searchPixel(
        _ j: Int, set: PreparedTrainingSet, context: SLAMGridFoldContext, workspace: SMOWorkspace, outputs: SLAMGridOutputs
    ) {
        let n = set.n, grid = context.grid
        var sse = [Double](repeating: 0, count: grid.epsilon.count * grid.c.count)
        var scored = 0
        for f in context.trainIndices.indices {
            let train = context.trainIndices[f], test = context.testIndices[f]
            let y = train.map { set.targets[j * n + $0] }
            let w = train.map { set.weights[j * n + $0] }
            let yTest = test.map { set.targets[j * n + $0] }
            let wTest = test.map { set.weights[j * n + $0] }
            scored += wTest.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            context.foldKernels[f].values.withUnsafeBufferPointer { k in
                context.blocks[f].withUnsafeBufferPointer { block in
                    for (e, epsilon) in grid.epsilon.enumerated() {
                        var warm: [Double]? = nil
                        for ci in context.cOrder {
                            let c = grid.c[ci]
                            let solution = workspace.solve(
                                kernel: k.baseAddress!, n: train.count, targets: y, caps: w.map { $0 * c },
                                epsilon: epsilon, tolerance: options.tolerance, shrinking: options.shrinking,
                                maxIterations: max(10_000_000, 100 * train.count), warmStart: warm)
                            warm = solution.coefficients
                            outputs.iterations[j] += solution.iterations
                            outputs.solves[j] += 1
                            sse[e * grid.c.count + ci] += Self.heldOutSSE(
                                solution, block: block.baseAddress!, testCount: test.count, targets: yTest,
                                weights: wTest)
                        }
                    }
                }
            }
        }
        guard scored > 0 else { return }
        for (e, epsilon) in grid.epsilon.enumerated() {
            for ci in grid.c.indices {
                let mse = sse[e * grid.c.count + ci] / Double(scored)
                if mse < outputs.bestMSE[j] {
                    outputs.bestMSE[j] = mse
                    outputs.best[j] = SVRHyperparameters(c: grid.c[ci], epsilon: epsilon, gamma: context.gamma)
                }
            }
        }
    }

    /// Sum of squared held-out residuals over the weight-1 held-out stars; `block` is |train| x `testCount`.
    static func heldOutSSE(_ solution: SVRSolution, block: UnsafePointer<Float>, testCount: Int,
                           targets: [Double], weights: [Double]) -> Double {
        var predicted = [Double](repeating: solution.intercept, count: testCount)
        for (m, beta) in solution.coefficients.enumerated() where beta != 0 {
            let row = block + m * testCount
            for t in 0..<testCount { predicted[t] += beta * Double(row[t]) }
        }
        var sum = 0.0
        for t in 0..<testCount where weights[t] > 0 {
            let r = predicted[t] - targets[t]
            sum += r * r
        }
        return sum
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
    let bestMSE: PixelResultBuffer<Double>
    let best: PixelResultBuffer<SVRHyperparameters>
    let iterations: PixelResultBuffer<Int>
    let solves: PixelResultBuffer<Int>
}
