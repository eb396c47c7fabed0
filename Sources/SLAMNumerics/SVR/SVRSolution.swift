/// The solution of one epsilon-SVR dual problem (see `EpsilonSVR`).
///
/// The regression function is `f(x) = sum_i coefficients[i] * K(x_i, x) + intercept`.
public struct SVRSolution: Sendable, Equatable {
    /// Dual coefficients `alpha_i - alpha*_i`, one per training point (n), in target units; zero for points
    /// that are not support vectors and for points of weight 0. `|coefficients[i]| <= C * weight[i]`.
    public var coefficients: [Double]
    /// Intercept b (libsvm's `-rho`), target units.
    public var intercept: Double
    /// Dual objective in libsvm's minimisation form,
    /// `0.5 beta^T K beta + epsilon * sum_i |beta_i| - sum_i y_i beta_i` (with `beta = coefficients`).
    public var dualObjective: Double
    /// SMO iterations (pair updates) used.
    public var iterations: Int
    /// Whether the stopping tolerance was reached before the iteration limit.
    public var converged: Bool

    public init(coefficients: [Double], intercept: Double, dualObjective: Double, iterations: Int, converged: Bool) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.dualObjective = dualObjective
        self.iterations = iterations
        self.converged = converged
    }

    /// Number of support vectors (non-zero coefficients).
    public var supportVectorCount: Int { coefficients.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// Predictions at the training points themselves, `K beta + b` (n values), for a kernel of the same
    /// points the solution was trained on.
    public func fittedValues(kernel: SVRKernelMatrix) -> [Double] {
        precondition(kernel.count == coefficients.count, "kernel must match the training points")
        let n = kernel.count
        var out = [Double](repeating: intercept, count: n)
        kernel.values.withUnsafeBufferPointer { k in
            for m in 0..<n where coefficients[m] != 0 {
                let beta = coefficients[m]
                let row = k.baseAddress! + m * n
                for i in 0..<n { out[i] += beta * Double(row[i]) }
            }
        }
        return out
    }
}
