import CBLAS
import Foundation

/// Scalar types the kernel evaluation runs in (Float with sgemm, Double with dgemm).
protocol InferenceScalar: BinaryFloatingPoint, Sendable {
    /// Row-major `c (m x n) = a (m x k, lda) * b (k x n, ldb)` with `beta = 0`.
    static func inferenceGemm(m: Int, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int,
                              b: UnsafePointer<Self>, ldb: Int, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: InferenceScalar {
    static func inferenceGemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                              b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }
}

extension Double: InferenceScalar {
    static func inferenceGemm(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
                              b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }
}

/// Scratch of one precision: the kernel matrix G (N x columns) and one group's product (rows x columns).
struct SLAMKernelScratch<S: InferenceScalar> {
    var kernel: [S] = []
    var product: [S] = []
}

/// Work buffers of one evaluating task (never shared between tasks). Outputs are in the evaluator's
/// grouped pixel order: `flux` M x P row-major (standardised flux), `jacobian` M x P x L row-major
/// (d f_j / d theta_l, standardised units).
final class SLAMKernelBuffers {
    var flux: [Double] = []
    var jacobian: [Double] = []
    /// Squared label distances |theta_s - theta_i|^2, N x M row-major.
    var distance2: [Double] = []
    var single = SLAMKernelScratch<Float>()
    var double = SLAMKernelScratch<Double>()
    init() {}
}

/// The SLAM model regrouped for evaluation by matrix products (Zhang, Liu & Deng 2020, eq. 5): pixels
/// sharing a gamma share the kernel vector k(theta) (N values), so for a group g of pixels
///
///     f_g = C_g k + b_g,      d f_g / d theta_l = -2 gamma_g C_g (k o (theta_l - Theta_l))
///
/// are one product C_g (P_g x N) * G (N x (L + 1)) with G = [k, k o (theta_1 - Theta_1), ...]; M label
/// vectors stack their G side by side into one matrix-matrix product. Pixels are stored in grouped order
/// (`order[q]` is the model pixel at grouped position q).
struct SLAMKernelEvaluator: Sendable {
    enum Coefficients: Sendable {
        case single([Float])
        case double([Double])
    }

    /// One run of pixels with the same gamma: grouped positions `start ..< start + count`.
    struct Group: Sendable {
        var gamma: Double
        var start: Int
        var count: Int
    }

    let trainingCount: Int
    let labelCount: Int
    let pixelCount: Int
    /// Standardised training labels, N x L row-major.
    let trainingLabels: [Double]
    /// Dual coefficients in grouped pixel order, P x N row-major.
    let coefficients: Coefficients
    /// Intercepts in grouped pixel order.
    let intercept: [Double]
    let groups: [Group]
    /// Grouped position -> model pixel index.
    let order: [Int]
    /// Model pixel index -> grouped position.
    let position: [Int]

    /// Regroups a validated model (see `SLAMPredictor.init`).
    init(model: SLAMModel, precision: PredictionOptions.Precision) {
        let n = model.trainingCount, p = model.pixelCount
        trainingCount = n
        labelCount = model.labelCount
        pixelCount = p
        trainingLabels = model.trainingLabels
        // Stable sort of pixels by gamma: contiguous groups, model order kept within a group.
        let sorted = (0..<p).sorted {
            let a = model.hyperparameters[$0].gamma, b = model.hyperparameters[$1].gamma
            return a < b || (a == b && $0 < $1)
        }
        order = sorted
        var pos = [Int](repeating: 0, count: p)
        for (q, j) in sorted.enumerated() { pos[j] = q }
        position = pos
        var gs: [Group] = []
        for (q, j) in sorted.enumerated() {
            let gamma = model.hyperparameters[j].gamma
            if let last = gs.last, last.gamma == gamma { gs[gs.count - 1].count += 1 } else {
                gs.append(Group(gamma: gamma, start: q, count: 1))
            }
        }
        groups = gs
        intercept = sorted.map { model.intercept[$0] }
        switch precision {
        case .single:
            var c = [Float](repeating: 0, count: p * n)
            for (q, j) in sorted.enumerated() {
                for i in 0..<n { c[q * n + i] = Float(model.coefficients[j * n + i]) }
            }
            coefficients = .single(c)
        case .double:
            var c = [Double](repeating: 0, count: p * n)
            for (q, j) in sorted.enumerated() {
                c[(q * n)..<(q * n + n)] = model.coefficients[(j * n)..<(j * n + n)]
            }
            coefficients = .double(c)
        }
    }
}
