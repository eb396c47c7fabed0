import CBLAS
import Foundation
@testable import SLAMNumerics

/// A synthetic spectral problem with a known truth: normalised flux is a sum of Gaussian absorption
/// lines whose depths and widths depend smoothly and non-linearly on three labels (Teff, log g, [M/H]),
/// and a SLAM model of the same form fitted to it by kernel ridge regression, (K + lambda I) c = y
/// solved with LAPACK `dposv_`, in two gamma groups.
struct InferenceTestProblem {
    static let labelNames = ["teff", "logg", "m_h"]
    static let lower: [Double] = [4000, 1.0, -1.0]
    static let upper: [Double] = [5500, 3.5, 0.4]
    static var range: [Double] { zip(upper, lower).map { $0 - $1 } }

    let pixels: Int
    let wavelength: [Double]
    let trainingLabels: [Double]  // N x 3 physical
    let trainingFlux: [Double]    // N x P normalised
    let model: SLAMModel

    /// Normalised flux of the known function at physical labels (3 entries), P entries.
    /// The template library of the training spectra (the first guess's templates), standardised by
    /// `predictor`.
    func templates(for predictor: SLAMPredictor) throws -> TemplateLibrary {
        try TemplateLibrary(normalisedFlux: trainingFlux.map { Float($0) }, physicalLabels: trainingLabels,
                            count: model.trainingCount, predictor: predictor)
    }

    static func trueFlux(labels: [Double], wavelength: [Double]) -> [Double] {
        let t = (labels[0] - 4750) / 750, g = (labels[1] - 2.25) / 1.25, m = (labels[2] + 0.3) / 0.7
        let lines: [(centre: Double, a: Double, b: Double, c: Double)] = [
            (5010, 1.0, 0.5, 0.3), (5025, -0.6, 1.0, -0.5), (5041, 0.3, -0.4, 1.0), (5056, 0.8, 0.8, 0.8),
            (5070, -0.2, 0.6, -1.0), (5085, 0.5, -0.9, 0.4), (5100, -0.9, 0.2, 0.6), (5112, 0.1, 1.0, -0.3),
        ]
        return wavelength.map { lambda in
            var f = 1.0
            for line in lines {
                let depth = 0.35 - 0.12 * line.a * t + 0.1 * line.b * m + 0.03 * t * m - 0.02 * t * t
                let width = 1.6 + 0.45 * line.c * g + 0.15 * t
                let x = (lambda - line.centre) / width
                f -= depth * Foundation.exp(-0.5 * x * x)
            }
            return f
        }
    }

    /// Uniform random physical labels within the box (M x 3 row-major).
    static func randomLabels(count: Int, rng: inout SplitMix64, inset: Double = 0) -> [Double] {
        var out: [Double] = []
        for _ in 0..<count {
            for c in 0..<3 { out.append(lower[c] + range[c] * (inset + (1 - 2 * inset) * rng.uniform())) }
        }
        return out
    }

    init(trainingStars n: Int = 300, pixels p: Int = 120, seed: UInt64 = 42, lambda: Double = 1e-6,
         gammas: [Double] = [0.3, 0.5], modelVariance: Double = 1e-4) {
        var rng = SplitMix64(seed: seed)
        pixels = p
        wavelength = (0..<p).map { 5000 + Double($0) }
        trainingLabels = Self.randomLabels(count: n, rng: &rng)
        var flux: [Double] = []
        for i in 0..<n { flux += Self.trueFlux(labels: Array(trainingLabels[(i * 3)..<(i * 3 + 3)]), wavelength: wavelength) }
        trainingFlux = flux
        let labelScaler = Standardiser.fit(trainingLabels, rows: n, columns: 3)
        let fluxScaler = Standardiser.fit(flux, rows: n, columns: p)
        let theta = labelScaler.forward(matrix: trainingLabels)
        let y = fluxScaler.forward(matrix: flux)
        var coefficients = [Double](repeating: 0, count: p * n)
        var hyper: [SVRHyperparameters] = []
        for j in 0..<p { hyper.append(SVRHyperparameters(c: 1, epsilon: 0.01, gamma: gammas[j % gammas.count])) }
        for gamma in gammas {
            let group = (0..<p).filter { hyper[$0].gamma == gamma }
            var k = [Double](repeating: 0, count: n * n)
            for a in 0..<n {
                for b in 0..<n {
                    var d2 = 0.0
                    for c in 0..<3 { let d = theta[a * 3 + c] - theta[b * 3 + c]; d2 += d * d }
                    k[a + b * n] = Foundation.exp(-gamma * d2) + (a == b ? lambda : 0)
                }
            }
            var rhs = [Double](repeating: 0, count: n * group.count)
            for (r, j) in group.enumerated() { for i in 0..<n { rhs[i + r * n] = y[i * p + j] } }
            var nn = Int32(n), nrhs = Int32(group.count), info: Int32 = 0
            var uplo = CChar(UInt8(ascii: "L"))
            dposv_(&uplo, &nn, &nrhs, &k, &nn, &rhs, &nn, &info)
            precondition(info == 0, "kernel ridge system not positive definite")
            for (r, j) in group.enumerated() { for i in 0..<n { coefficients[j * n + i] = rhs[i + r * n] } }
        }
        model = SLAMModel(
            labelNames: Self.labelNames, wavelength: wavelength, labelScaler: labelScaler, fluxScaler: fluxScaler,
            trainingLabels: theta, coefficients: coefficients, intercept: [Double](repeating: 0, count: p),
            hyperparameters: hyper, crossValidatedMSE: [Double](repeating: modelVariance, count: p))
    }

    /// Largest sum of |c_ij| over a pixel's coefficients: the scale of the rounding error of f_j (the
    /// kernel ridge coefficients are large and cancel, so Float evaluation loses digits).
    var coefficientMass: Double {
        let n = model.trainingCount
        return (0..<pixels).map { j in (0..<n).reduce(0.0) { $0 + abs(model.coefficients[j * n + $1]) } }.max() ?? 0
    }

    /// Direct evaluation of eq. 5 of the paper at standardised labels (reference for the BLAS path).
    func directModel(standardisedLabels theta: [Double]) -> [Double] {
        let n = model.trainingCount, l = model.labelCount
        return (0..<pixels).map { j in
            var f = model.intercept[j]
            for i in 0..<n {
                var d2 = 0.0
                for c in 0..<l { let d = theta[c] - model.trainingLabels[i * l + c]; d2 += d * d }
                f += model.coefficients[j * n + i] * Foundation.exp(-model.hyperparameters[j].gamma * d2)
            }
            return f
        }
    }
}
