import CBLAS
import Foundation
@testable import SLAMNumerics

/// A small SLAM model of any known function, fitted by kernel ridge regression (K + lambda I) c = y with
/// one gamma (LAPACK `dposv_`), for inference tests that need a problem of their own shape.
enum KernelRidgeTestModel {
    /// - `labels`: N x L physical; `flux`: N x P normalised (from `function`).
    static func make(labels: [Double], labelNames: [String], wavelength: [Double], gamma: Double = 0.5,
                     lambda: Double = 1e-6, function: ([Double]) -> [Double]) -> SLAMModel {
        let l = labelNames.count, n = labels.count / l, p = wavelength.count
        var flux: [Double] = []
        for i in 0..<n { flux += function(Array(labels[(i * l)..<((i + 1) * l)])) }
        let labelScaler = Standardiser.fit(labels, rows: n, columns: l)
        let fluxScaler = Standardiser.fit(flux, rows: n, columns: p)
        let theta = labelScaler.forward(matrix: labels)
        let y = fluxScaler.forward(matrix: flux)
        var k = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in 0..<n {
                var d2 = 0.0
                for c in 0..<l { let d = theta[a * l + c] - theta[b * l + c]; d2 += d * d }
                k[a + b * n] = Foundation.exp(-gamma * d2) + (a == b ? lambda : 0)
            }
        }
        var rhs = [Double](repeating: 0, count: n * p)
        for j in 0..<p { for i in 0..<n { rhs[i + j * n] = y[i * p + j] } }
        var nn = Int32(n), nrhs = Int32(p), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        dposv_(&uplo, &nn, &nrhs, &k, &nn, &rhs, &nn, &info)
        precondition(info == 0, "kernel ridge system not positive definite")
        var coefficients = [Double](repeating: 0, count: p * n)
        for j in 0..<p { for i in 0..<n { coefficients[j * n + i] = rhs[i + j * n] } }
        return SLAMModel(
            labelNames: labelNames, wavelength: wavelength, labelScaler: labelScaler, fluxScaler: fluxScaler,
            trainingLabels: theta, coefficients: coefficients, intercept: [Double](repeating: 0, count: p),
            hyperparameters: [SVRHyperparameters](repeating: SVRHyperparameters(c: 1, epsilon: 0.01, gamma: gamma), count: p),
            crossValidatedMSE: [Double](repeating: 0, count: p))
    }
}
