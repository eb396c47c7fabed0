import CLibSVM
import Foundation
import SLAMNumerics

/// A non-capturing no-op for `svm_set_print_string_function`, to silence libsvm.
private func silentLibSVMPrint(_: UnsafePointer<CChar>?) {}

/// An epsilon-SVR trained by libsvm (RBF kernel), the reference for `EpsilonSVR`. Owns the C model and the
/// training nodes it points into; not Sendable, used by one test at a time.
final class LibSVMRegressor {
    private var nodes: UnsafeMutablePointer<svm_node>
    private var rows: UnsafeMutablePointer<UnsafeMutablePointer<svm_node>?>
    private var targets: UnsafeMutablePointer<Double>
    private var model: UnsafeMutablePointer<svm_model>?
    let count: Int
    let dimension: Int

    /// Trains on `points` (n x d row-major) and `y` (n).
    init(points: [Double], dimension d: Int, y: [Double], c: Double, epsilon: Double, gamma: Double,
         tolerance: Double, shrinking: Bool = true) {
        svm_set_print_string_function(silentLibSVMPrint)
        let n = y.count
        count = n
        dimension = d
        nodes = .allocate(capacity: n * (d + 1))
        rows = .allocate(capacity: n)
        targets = .allocate(capacity: n)
        for i in 0..<n {
            for k in 0..<d { nodes[i * (d + 1) + k] = svm_node(index: Int32(k + 1), value: points[i * d + k]) }
            nodes[i * (d + 1) + d] = svm_node(index: -1, value: 0)
            rows[i] = nodes + i * (d + 1)
            targets[i] = y[i]
        }
        var problem = svm_problem(l: Int32(n), y: targets, x: rows)
        var parameter = svm_parameter()
        parameter.svm_type = Int32(EPSILON_SVR)
        parameter.kernel_type = Int32(RBF)
        parameter.gamma = gamma
        parameter.cache_size = 200
        parameter.eps = tolerance
        parameter.C = c
        parameter.p = epsilon
        parameter.shrinking = shrinking ? 1 : 0
        parameter.probability = 0
        model = svm_train(&problem, &parameter)
    }

    deinit {
        svm_free_and_destroy_model(&model)
        nodes.deallocate()
        rows.deallocate()
        targets.deallocate()
    }

    /// Dual coefficients per training point (0 for non-support vectors).
    var coefficients: [Double] {
        guard let model else { return [] }
        var out = [Double](repeating: 0, count: count)
        let l = Int(model.pointee.l)
        for k in 0..<l {
            let index = Int(model.pointee.sv_indices[k]) - 1
            out[index] = model.pointee.sv_coef[0]![k]
        }
        return out
    }

    /// Intercept b = -rho.
    var intercept: Double { -(model?.pointee.rho[0] ?? 0) }

    /// libsvm's prediction at one point (d values).
    func predict(_ x: [Double]) -> Double {
        var query = (0..<dimension).map { svm_node(index: Int32($0 + 1), value: x[$0]) }
        query.append(svm_node(index: -1, value: 0))
        return svm_predict(model, &query)
    }
}

/// Helpers shared by the SVR tests.
enum SVRTestProblems {
    /// Dual objective `0.5 b^T K b + eps sum|b| - y^T b` of coefficients `beta` on a kernel.
    static func dualObjective(_ beta: [Double], kernel: SVRKernelMatrix, y: [Double], epsilon: Double) -> Double {
        let n = beta.count
        var quad = 0.0, linear = 0.0
        for i in 0..<n where beta[i] != 0 {
            var row = 0.0
            for j in 0..<n where beta[j] != 0 { row += Double(kernel.values[i * n + j]) * beta[j] }
            quad += beta[i] * row
            linear += epsilon * abs(beta[i]) - y[i] * beta[i]
        }
        return 0.5 * quad + linear
    }

    /// `sum_i beta_i exp(-gamma |x_i - x|^2) + b` in double precision.
    static func predict(_ beta: [Double], intercept: Double, points: [Double], dimension d: Int,
                        gamma: Double, at x: [Double]) -> Double {
        var f = intercept
        for i in 0..<beta.count where beta[i] != 0 {
            var d2 = 0.0
            for k in 0..<d { let t = points[i * d + k] - x[k]; d2 += t * t }
            f += beta[i] * exp(-gamma * d2)
        }
        return f
    }

    /// A random smooth non-linear regression problem: n points in [-2, 2]^d (standard-normal-ish), targets
    /// a sum of sines and products plus noise, standardised.
    static func random(n: Int, d: Int, seed: UInt64) -> (points: [Double], y: [Double]) {
        var rng = SplitMix64(seed: seed)
        var points = [Double](repeating: 0, count: n * d)
        for i in points.indices { points[i] = rng.normal() }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var f = 0.0
            for k in 0..<d { f += sin(1.3 * points[i * d + k] + Double(k)) }
            f += 0.5 * points[i * d] * points[i * d + 1 % d]
            y[i] = f + 0.2 * rng.normal()
        }
        let mean = y.reduce(0, +) / Double(n)
        let sd = (y.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
        return (points, y.map { ($0 - mean) / sd })
    }
}
