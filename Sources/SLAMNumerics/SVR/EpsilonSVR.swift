/// An epsilon-insensitive support vector regression solver for a precomputed kernel: the dual problem
///
///     minimise    0.5 (a - a*)^T K (a - a*) + epsilon sum_i (a_i + a*_i) - sum_i y_i (a_i - a*_i)
///     subject to  sum_i (a_i - a*_i) = 0,   0 <= a_i, a*_i <= C w_i
///
/// solved by SMO with libsvm's working-set selection WSS3 (second-order information; Fan, Chen & Lin 2005,
/// JMLR 6, 1889) and libsvm's stopping rule (maximal violation `m(a) - M(a) < tolerance`), with shrinking.
/// Within tolerance the optimum is libsvm's (`svm_train` with `EPSILON_SVR`), which also stores its
/// kernel in single precision.
///
/// Sample weights `w_i` scale C per point; a weight of 0 leaves the point out (its coefficient is 0), which
/// is how SLAM drops a training spectrum's bad pixel. The solver holds no shared state: call it from as many
/// tasks at once as you like.
public struct EpsilonSVR: Sendable {
    /// Stopping tolerance on the maximal KKT violation (libsvm's `-e`, default 1e-3), standardised target units.
    public var tolerance: Double
    /// Whether to shrink the working problem to the points that can still move (libsvm's `-h 1`).
    public var shrinking: Bool
    /// Iteration limit; `nil` gives libsvm's `max(10^7, 100 n)`.
    public var maxIterations: Int?
    /// Whether the bulk of the iterations runs on a single-precision gradient (16-lane scans, about twice as
    /// fast) before a double-precision phase recomputes the gradient exactly and finishes to `tolerance`
    /// (default). `false` runs every iteration in double precision, as libsvm does. The optimum is the same
    /// within tolerance either way.
    public var singlePrecisionBulk: Bool

    public init(tolerance: Double = 1e-3, shrinking: Bool = true, maxIterations: Int? = nil,
                singlePrecisionBulk: Bool = true) {
        self.tolerance = tolerance
        self.shrinking = shrinking
        self.maxIterations = maxIterations
        self.singlePrecisionBulk = singlePrecisionBulk
    }

    /// Solves one problem.
    /// - Parameters:
    ///   - kernel: n x n kernel of the training points (shared, not copied).
    ///   - targets: n targets y (standardised flux for SLAM). Targets of weight-0 points are ignored (may be NaN).
    ///   - weights: n sample weights >= 0 (`nil`: all 1). SLAM uses 0/1.
    ///   - c: penalty C > 0.
    ///   - epsilon: tube half-width >= 0, target units.
    ///   - warmStart: optional n coefficients `a - a*` of a nearby solution (e.g. the previous C on a grid);
    ///     scaled uniformly into the new box so that it stays feasible. The optimum does not depend on it.
    /// - Throws: `SVRError` naming the bad input.
    public func solve(
        kernel: SVRKernelMatrix, targets: [Double], weights: [Double]? = nil,
        c: Double, epsilon: Double, warmStart: [Double]? = nil
    ) throws(SVRError) -> SVRSolution {
        let n = kernel.count
        guard targets.count == n else { throw .shapeMismatch(what: "targets", expected: n, actual: targets.count) }
        if let weights, weights.count != n { throw .shapeMismatch(what: "weights", expected: n, actual: weights.count) }
        if let warmStart, warmStart.count != n {
            throw .shapeMismatch(what: "warmStart", expected: n, actual: warmStart.count)
        }
        guard c > 0, c.isFinite else { throw .invalidHyperparameter(name: "C", value: c) }
        guard epsilon >= 0, epsilon.isFinite else { throw .invalidHyperparameter(name: "epsilon", value: epsilon) }
        guard tolerance > 0, tolerance.isFinite else { throw .invalidTolerance(tolerance) }
        var caps = [Double](repeating: c, count: n)
        var y = targets
        for i in 0..<n {
            let w = weights?[i] ?? 1
            guard w >= 0, w.isFinite else { throw .invalidWeight(index: i, value: w) }
            caps[i] = c * w
            if w == 0 { y[i] = 0; continue }
            guard y[i].isFinite else { throw .nonFiniteTarget(index: i, value: y[i]) }
        }
        guard n > 0 else {
            return SVRSolution(coefficients: [], intercept: 0, dualObjective: 0, iterations: 0, converged: true)
        }
        let workspace = SMOWorkspace()
        return kernel.values.withUnsafeBufferPointer { k in
            workspace.solve(kernel: k.baseAddress!, n: n, targets: y, caps: caps, epsilon: epsilon,
                            tolerance: tolerance, shrinking: shrinking,
                            maxIterations: maxIterations ?? max(10_000_000, 100 * n), warmStart: warmStart,
                            singlePrecisionBulk: singlePrecisionBulk)
        }
    }
}
