import Foundation

extension SLAMTrainer {
    /// Trains pixels `pixels` of `problem`: the grid search (or the given hyperparameters), the final fit on
    /// all stars, and the fit of each whole-method cross-validation fold with the chosen hyperparameters.
    ///
    /// Every pixel's result depends only on its own data and the shared kernels, so shards covering the
    /// pixels in any split, run in any order or concurrently, assemble (``SLAMShardAssembler``) into the
    /// model that one shard over all pixels gives, bit for bit (on one kind of processor with one BLAS).
    /// - Parameters:
    ///   - pixels: a non-empty range within `0..<problem.pixelCount`.
    ///   - kernels: where kernels are shared between concurrent shards (``SVRKernelCache/shared``), or nil
    ///     to compute them for this call alone.
    ///   - progress: called from worker threads with (units done, units total); a unit is one pixel's grid
    ///     search for one gamma, its final fit, or one fold fit.
    /// - Throws: `.invalidTolerance` for unusable solver tolerances, `.invalidGrid` for a range outside
    ///   the pixels.
    public func trainShard(
        _ problem: SLAMTrainingProblem, pixels: Range<Int>, kernels: SVRKernelCache? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SLAMTrainingError) -> SLAMPixelShard {
        guard options.tolerance > 0, options.tolerance.isFinite else { throw .invalidTolerance(options.tolerance) }
        if let cv = options.crossValidationTolerance, !(cv > 0 && cv.isFinite) { throw .invalidTolerance(cv) }
        guard !pixels.isEmpty, pixels.lowerBound >= 0, pixels.upperBound <= problem.pixelCount else {
            throw .invalidGrid(reason: "pixel range \(pixels) is not a non-empty part of 0..<\(problem.pixelCount)")
        }
        let set = try problem.prepared(pixels: pixels)
        let workers = max(1, options.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let usable = pixels.filter { set.usableCount[$0] > 0 }.count
        let foldUnits = problem.foldHeaders.reduce(0) { total, fold in total + pixels.filter { fold.usableCount[$0] > 0 }.count }
        var gridUnits = 0
        if case let .grid(grid, _, _) = problem.hyperparameters { gridUnits = usable * grid.gamma.count }
        let counter = SLAMShardProgress(total: gridUnits + usable + foldUnits, report: progress)

        let hyperparameters: [SVRHyperparameters]
        var searchedMSE: [Double]? = nil
        var iterations = [Int](repeating: 0, count: pixels.count), solves = iterations
        if let given = problem.givenHyperparameters(pixels) {
            hyperparameters = given
        } else if case let .grid(grid, folds, seed) = problem.hyperparameters {
            let search = searchPixels(set, pixels: pixels, grid: grid, folds: folds, seed: seed, workers: workers,
                                      kernels: kernels, progress: counter)
            hyperparameters = search.best
            searchedMSE = search.bestMSE
            iterations = search.iterations
            solves = search.solves
        } else {
            preconditionFailure("a choice without given hyperparameters is a grid")
        }
        let final = fitPixels(set, pixels: pixels, hyperparameters: hyperparameters, storeTrainingMSE: searchedMSE == nil,
                              workers: workers, kernels: kernels, progress: counter)
        var mse = searchedMSE ?? final.mse
        for (k, j) in pixels.enumerated() where set.usableCount[j] > 0 {
            iterations[k] += final.iterations[k]
            solves[k] += 1
        }
        for (k, j) in pixels.enumerated() where set.usableCount[j] == 0 { mse[k] = .infinity }
        // One fold's set at a time, prepared for these pixels only.
        var folds = [SLAMPixelShard.FoldFit]()
        for k in 0..<problem.foldCount {
            let foldSet = try problem.preparedFold(k, pixels: pixels)
            let fits = fitPixels(foldSet, pixels: pixels, hyperparameters: hyperparameters, storeTrainingMSE: true,
                                 workers: workers, kernels: kernels, progress: counter)
            folds.append(SLAMPixelShard.FoldFit(trainingCount: foldSet.n, coefficients: fits.coefficients,
                                                intercept: fits.intercept, trainingMSE: fits.mse))
        }
        return SLAMPixelShard(pixels: pixels, trainingCount: set.n, hyperparameters: hyperparameters, crossValidatedMSE: mse,
                              coefficients: final.coefficients, intercept: final.intercept, iterations: iterations,
                              supportVectors: final.supportVectors, solves: solves, folds: folds)
    }
}
