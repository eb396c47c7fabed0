import Foundation

/// Trains a SLAM model (Zhang, Liu & Deng 2020, sect. 3.2): standardises labels and per-pixel flux, then fits
/// one epsilon-SVR with RBF kernel per pixel, all pixels sharing one kernel matrix per gamma (and per
/// cross-validation fold), pixels in parallel across `options.workers` threads.
///
/// A pixel with no usable sample (every star's flux there bad) gets zero coefficients, intercept 0 and
/// `crossValidatedMSE = +infinity`: infinite model variance, so prediction gives it weight 0
/// (`SLAMModel.isPixelUsable`).
public struct SLAMTrainer: Sendable {
    /// Solver and parallelism settings.
    public struct Options: Sendable, Equatable {
        /// SMO stopping tolerance (maximal KKT violation, standardised flux units); libsvm's default 1e-3.
        public var tolerance: Double
        /// Whether the SMO solver shrinks its working set.
        public var shrinking: Bool
        /// Worker threads for pixels; `nil`: the number of active processors.
        public var workers: Int?
        /// SMO stopping tolerance of the cross-validation solves of a grid search; `nil`: `tolerance`. The
        /// final fit of each pixel always uses `tolerance`. A looser value (1e-2) halves the grid search's SMO
        /// iterations; on the benchmark problem it leaves the cross-validated MSE unchanged to ~1e-4 relative
        /// (see `slam-bench train --cv-tolerance`).
        public var crossValidationTolerance: Double?
        /// Along each epsilon's ascending C path of a grid search, stop after this many consecutive C values
        /// whose cross-validated MSE is above the path's best so far; `nil` searches every C (exhaustive).
        /// The CV MSE of an SVR is, in practice, unimodal in C (under-fitting, then over-fitting), and the
        /// large-C solves it skips are the slowest. Default 2.
        public var cPathPatience: Int?

        public init(tolerance: Double = 1e-3, shrinking: Bool = true, workers: Int? = nil,
                    crossValidationTolerance: Double? = nil, cPathPatience: Int? = 2) {
            self.tolerance = tolerance
            self.shrinking = shrinking
            self.workers = workers
            self.crossValidationTolerance = crossValidationTolerance
            self.cPathPatience = cPathPatience
        }
    }

    /// Training statistics per pixel (P entries each), for benchmarks and logs.
    public struct Report: Sendable, Equatable {
        /// SMO iterations summed over every solve of the pixel (grid points, folds and the final fit).
        public var iterations: [Int]
        /// Support vectors of the final fit.
        public var supportVectors: [Int]
        /// SVR problems solved for the pixel.
        public var solves: [Int]
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Trains a model; see `trainWithReport`.
    public func train(
        _ data: SLAMTrainingData, hyperparameters: HyperparameterChoice,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SLAMTrainingError) -> SLAMModel {
        try trainWithReport(data, hyperparameters: hyperparameters, progress: progress).model
    }

    /// Trains a model and reports per-pixel solver statistics.
    /// - Parameters:
    ///   - data: the training set (N >= 2 stars, L >= 1 labels, P >= 1 pixels).
    ///   - hyperparameters: fixed (model `crossValidatedMSE` = training MSE) or a grid searched by K-fold CV.
    ///   - progress: called from worker threads with (units done, units total); a unit is one pixel's work for
    ///     one gamma of the grid or one final fit.
    ///
    /// This is ``trainShard(_:pixels:kernels:progress:)`` over all pixels, assembled.
    /// - Throws: `SLAMTrainingError` for an empty or one-star set, bad shapes, a non-finite or constant label,
    ///   out-of-range hyperparameters, an unusable grid or tolerance.
    public func trainWithReport(
        _ data: SLAMTrainingData, hyperparameters: HyperparameterChoice,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SLAMTrainingError) -> (model: SLAMModel, report: Report) {
        // One shard over all pixels: the single-process training and the sharded one run the same code.
        let problem = try SLAMTrainingProblem(data, hyperparameters: hyperparameters)
        let shard = try trainShard(problem, pixels: 0..<problem.pixelCount, progress: progress)
        do {
            let assembled = try SLAMShardAssembler.assemble(problem, shards: [shard])
            return (assembled.model, assembled.report)
        } catch {
            preconditionFailure("a shard over every pixel assembles: \(error)")
        }
    }

    static func validate(_ h: SVRHyperparameters) throws(SLAMTrainingError) {
        guard h.c > 0, h.c.isFinite else { throw .invalidHyperparameter(name: "C", value: h.c) }
        guard h.epsilon >= 0, h.epsilon.isFinite else { throw .invalidHyperparameter(name: "epsilon", value: h.epsilon) }
        guard h.gamma > 0, h.gamma.isFinite else { throw .invalidHyperparameter(name: "gamma", value: h.gamma) }
    }

    static func validate(_ grid: HyperparameterGrid, folds: Int, starCount: Int) throws(SLAMTrainingError) {
        guard grid.count > 0 else { throw .invalidGrid(reason: "it has no points") }
        guard folds >= 2 else { throw .invalidGrid(reason: "\(folds) folds; at least 2 are needed") }
        guard folds <= starCount else { throw .invalidGrid(reason: "\(folds) folds for \(starCount) stars") }
        for c in grid.c { try validate(SVRHyperparameters(c: c, epsilon: 0, gamma: 1)) }
        for e in grid.epsilon { try validate(SVRHyperparameters(c: 1, epsilon: e, gamma: 1)) }
        for g in grid.gamma { try validate(SVRHyperparameters(c: 1, epsilon: 0, gamma: g)) }
    }
}
