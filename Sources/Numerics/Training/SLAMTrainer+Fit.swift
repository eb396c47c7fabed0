import Primitives

extension SLAMTrainer {
    /// Fits every pixel with its own hyperparameters, sharing one kernel per distinct gamma.
    /// `crossValidatedMSE` nil: each pixel's training MSE is stored instead.
    func fit(
        _ set: PreparedTrainingSet, hyperparameters: [SVRHyperparameters], crossValidatedMSE: [Double]?,
        workers: Int, progress: (@Sendable (Int, Int) -> Void)?, priorReport: Report? = nil,
        progressOffset: Int = 0, progressTotal: Int? = nil
    ) -> (model: SLAMModel, report: Report) {
        let n = set.n, p = set.p
        let coefficients = SharedSlots(repeating: 0.0, count: p * n)
        let intercept = SharedSlots(repeating: 0.0, count: p)
        let mse = SharedSlots(repeating: Double.infinity, count: p)
        let iterations = SharedSlots(repeating: 0, count: p)
        let supportVectors = SharedSlots(repeating: 0, count: p)
        let total = progressTotal ?? p
        var finished = 0
        for gamma in Set(hyperparameters.map(\.gamma)).sorted() {
            let pixels = (0..<p).filter { hyperparameters[$0].gamma == gamma && set.usableCount[$0] > 0 }
            guard !pixels.isEmpty else { continue }
            let kernel = SVRKernelMatrix(points: set.labels, rows: n, columns: set.l, gamma: gamma)
            let offset = progressOffset + finished
            let storeTrainingMSE = crossValidatedMSE == nil
            let outputs = SLAMFitOutputs(coefficients: coefficients, intercept: intercept, mse: mse,
                                     iterations: iterations, supportVectors: supportVectors)
            PixelParallelRunner.run(
                count: pixels.count, workers: workers, makeState: { SMOWorkspace() },
                body: { job, workspace in
                    fitPixel(pixels[job], set: set, hyperparameters: hyperparameters[pixels[job]], kernel: kernel,
                             storeTrainingMSE: storeTrainingMSE, workspace: workspace, outputs: outputs)
                },
                completed: Self.progressReporter(progress, offset: offset, total: total))
            finished += pixels.count
        }
        var report = priorReport ?? Report(iterations: [Int](repeating: 0, count: p),
                                           supportVectors: [Int](repeating: 0, count: p),
                                           solves: [Int](repeating: 0, count: p))
        for j in 0..<p where set.usableCount[j] > 0 {
            report.iterations[j] += iterations[j]
            report.supportVectors[j] = supportVectors[j]
            report.solves[j] += 1
        }
        var cvMSE = crossValidatedMSE ?? mse.array
        for j in 0..<p where set.usableCount[j] == 0 { cvMSE[j] = .infinity }
        let model = SLAMModel(
            labelNames: set.data.labelNames, wavelength: set.data.wavelength, labelScaler: set.labelScaler,
            fluxScaler: set.fluxScaler, trainingLabels: set.labels, coefficients: coefficients.array,
            intercept: intercept.array, hyperparameters: hyperparameters, crossValidatedMSE: cvMSE)
        return (model, report)
    }

    /// Fits pixel `j` on all stars and writes its row of the outputs.
    private func fitPixel(
        _ j: Int, set: PreparedTrainingSet, hyperparameters h: SVRHyperparameters, kernel: SVRKernelMatrix,
        storeTrainingMSE: Bool, workspace: SMOWorkspace, outputs: SLAMFitOutputs
    ) {
        let n = set.n
        let y = Array(set.targets[(j * n)..<((j + 1) * n)])
        let w = Array(set.weights[(j * n)..<((j + 1) * n)])
        kernel.values.withUnsafeBufferPointer { k in
            let solution = workspace.solve(
                kernel: k.baseAddress!, n: n, targets: y, caps: w.map { $0 * h.c }, epsilon: h.epsilon,
                tolerance: options.tolerance, shrinking: options.shrinking,
                maxIterations: max(10_000_000, 100 * n), warmStart: nil)
            for i in 0..<n { outputs.coefficients[j * n + i] = solution.coefficients[i] }
            outputs.intercept[j] = solution.intercept
            outputs.iterations[j] = solution.iterations
            outputs.supportVectors[j] = solution.supportVectorCount
            if storeTrainingMSE {
                outputs.mse[j] = Self.trainingMSE(solution, kernel: k.baseAddress!, n: n, targets: y, weights: w)
            }
        }
    }

    /// Turns a (done, total) progress callback into a per-job completion callback offset by `offset`.
    static func progressReporter(_ progress: (@Sendable (Int, Int) -> Void)?, offset: Int, total: Int)
        -> (@Sendable (Int) -> Void)? {
        guard let progress else { return nil }
        return { @Sendable done in progress(offset + done, total) }
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

/// Per-pixel outputs of `SLAMTrainer.fit`, filled by parallel workers at disjoint pixels.
struct SLAMFitOutputs: Sendable {
    let coefficients: SharedSlots<Double>
    let intercept: SharedSlots<Double>
    let mse: SharedSlots<Double>
    let iterations: SharedSlots<Int>
    let supportVectors: SharedSlots<Int>
}
