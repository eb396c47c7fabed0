import CBLAS
import Foundation

/// The posterior of one spectrum's labels under a prior from the training set's label density
/// (issue 20): the maximum-likelihood fit theta_ML with its formal covariance Sigma stands for the
/// likelihood (Laplace approximation, L(theta) ~ N(theta; theta_ML, s^2 Sigma) with s = `likelihoodScale`),
/// and the prior is a Gaussian kernel density estimate over the N training labels,
/// pi(theta) = (1/N) sum_i N(theta; theta_i, H), in standardised label units, with the kernel shaped as the
/// training labels scatter, H = h^2 C (C their covariance matrix, as scipy's `gaussian_kde`: along a
/// giant branch, where Teff and log g go together, the kernel is long and thin). The product is a mixture
/// of N Gaussians and has a closed form:
///
///     A     = s^2 Sigma + H
///     w_i  ~ exp(-(theta_ML - theta_i)^T A^-1 (theta_ML - theta_i) / 2),   sum_i w_i = 1
///     mean  = theta_ML + s^2 Sigma A^-1 (sum_i w_i theta_i - theta_ML)
///     cov   = S + K C_w K^T,   K = s^2 Sigma A^-1,   S = s^2 Sigma - K s^2 Sigma,
///             C_w = sum_i w_i (theta_i - theta_bar)(theta_i - theta_bar)^T
///
/// Where the fit is precise (Sigma << H) the mean is theta_ML; where it is not (low S/N) the mean moves
/// toward the training stars whose labels the data allow, which the nearest-template first guess does
/// crudely (one template, no weighting). The posterior mean minimises the expected squared error when
/// the stars resemble the training set; for a star unlike it (`outsideTrainingSet`) it is pulled toward
/// the training set, so the maximum-likelihood fit is kept beside it.
///
/// Cost per spectrum: one L x L Cholesky factorisation and one triangular solve with N right-hand sides
/// (`cblas_dtrsm`), O(N L^2).
public struct TrainingSetPrior: Sendable {
    /// Standardised training labels, N x L row-major.
    public let labels: [Double]
    /// Number of training stars, N.
    public let count: Int
    /// Number of labels, L.
    public let labelCount: Int
    /// Kernel bandwidth h: the factor on the training labels' covariance (dimensionless).
    public let bandwidth: Double
    /// The kernel's covariance H = h^2 C, standardised label units squared, L x L row-major.
    public let kernelCovariance: [Double]
    /// Factor s on the formal errors in the likelihood (the covariance is scaled by s^2).
    public let likelihoodScale: Double

    /// Scott's rule for a Gaussian kernel in `dimension` dimensions: h = n^(-1 / (d + 4)).
    public static func scottBandwidth(count n: Int, dimension d: Int) -> Double {
        pow(Double(max(n, 1)), -1 / Double(d + 4))
    }

    /// - `standardisedLabels`: N x L row-major, finite.
    /// - `bandwidth`: h > 0 (default: Scott's rule).
    /// - `likelihoodScale`: s > 0.
    /// A label without spread in the training set (C's diagonal not positive, e.g. a single star) gets unit
    /// variance and no correlation in C.
    /// Throws `.emptyModel` for N or L = 0, `.wrongLength`, `.nonFiniteTemplateLabel` for a non-finite
    /// label, `.invalidOption` for h or s not finite and positive.
    public init(standardisedLabels: [Double], count n: Int, labelCount l: Int, bandwidth: Double? = nil,
                likelihoodScale: Double = 1) throws(InferenceError) {
        guard n > 0, l > 0 else { throw .emptyModel(trainingStars: n, labels: l, pixels: 0) }
        guard standardisedLabels.count == n * l else {
            throw .wrongLength(name: "standardisedLabels", expected: n * l, actual: standardisedLabels.count)
        }
        if let k = standardisedLabels.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteTemplateLabel(template: k / l, label: k % l)
        }
        let h = bandwidth ?? Self.scottBandwidth(count: n, dimension: l)
        guard h.isFinite && h > 0 else { throw .invalidOption(name: "bandwidth", value: h) }
        guard likelihoodScale.isFinite && likelihoodScale > 0 else {
            throw .invalidOption(name: "likelihoodScale", value: likelihoodScale)
        }
        labels = standardisedLabels
        kernelCovariance = Self.covariance(of: standardisedLabels, count: n, labelCount: l).map { $0 * h * h }
        count = n
        labelCount = l
        self.bandwidth = h
        self.likelihoodScale = likelihoodScale
    }

    /// The posterior mean and covariance (standardised units; L and L x L row-major) given the
    /// maximum-likelihood labels `mean` (L) and their formal covariance `covariance` (L x L row-major).
    /// Returns nil when an input is not finite or A is not positive definite (the caller keeps the fit).
    public func posterior(mean theta: [Double], covariance sigma: [Double]) -> (mean: [Double], covariance: [Double])? {
        let l = labelCount, n = count
        guard theta.count == l, sigma.count == l * l, theta.allSatisfy(\.isFinite), sigma.allSatisfy(\.isFinite) else {
            return nil
        }
        let s2 = likelihoodScale * likelihoodScale
        let scaled = sigma.map { $0 * s2 }
        // A = s^2 Sigma + H and its Cholesky factor (lower triangle, column-major == row-major upper).
        var a = scaled
        for k in 0..<(l * l) { a[k] += kernelCovariance[k] }
        var factor = a
        var order = Int32(l), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        dpotrf_(&uplo, &order, &factor, &order, &info)
        guard info == 0 else { return nil }
        // D (N x L, row-major) = theta_i - theta_ML; then D <- D U^-1 with A = U^T U, so row i is
        // (U^-T d_i)^T and its squared norm is d_i^T A^-1 d_i. LAPACK's column-major lower factor L_c is,
        // read row-major, U = L_c^T: an upper-triangular matrix.
        var d = [Double](repeating: 0, count: n * l)
        for i in 0..<n { for c in 0..<l { d[i * l + c] = labels[i * l + c] - theta[c] } }
        cblas_dtrsm(CblasRowMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(n), Int32(l), 1,
                    factor, Int32(l), &d, Int32(l))
        var logWeights = [Double](repeating: 0, count: n)
        var largest = -Double.infinity
        for i in 0..<n {
            var q = 0.0
            for c in 0..<l { q += d[i * l + c] * d[i * l + c] }
            logWeights[i] = -0.5 * q
            largest = max(largest, logWeights[i])
        }
        guard largest.isFinite else { return nil }
        var total = 0.0
        var weights = logWeights.map { (x: Double) -> Double in let w = exp(x - largest); total += w; return w }
        for i in 0..<n { weights[i] /= total }
        var centre = [Double](repeating: 0, count: l)
        for i in 0..<n where weights[i] > 0 { for c in 0..<l { centre[c] += weights[i] * labels[i * l + c] } }
        var spread = [Double](repeating: 0, count: l * l)
        for i in 0..<n where weights[i] > 1e-300 {
            for r in 0..<l {
                let dr = labels[i * l + r] - centre[r]
                for c in 0..<l { spread[r * l + c] += weights[i] * dr * (labels[i * l + c] - centre[c]) }
            }
        }
        // K = s^2 Sigma A^-1 (A and Sigma symmetric): K^T = A^-1 s^2 Sigma, solved with the factor.
        var gainT = scaled
        dpotrs_(&uplo, &order, &order, &factor, &order, &gainT, &order, &info)
        guard info == 0 else { return nil }
        // gainT holds A^-1 (s^2 Sigma) column-major, i.e. read row-major it is (A^-1 s^2 Sigma)^T = K.
        let gain = gainT
        var mean = theta
        for r in 0..<l { for c in 0..<l { mean[r] += gain[r * l + c] * (centre[c] - theta[c]) } }
        // cov = s^2 Sigma - K s^2 Sigma + K C_w K^T.
        var covariance = scaled
        for r in 0..<l {
            for c in 0..<l {
                var shrink = 0.0, spreadTerm = 0.0
                for k in 0..<l {
                    shrink += gain[r * l + k] * scaled[k * l + c]
                    for m in 0..<l { spreadTerm += gain[r * l + k] * spread[k * l + m] * gain[c * l + m] }
                }
                covariance[r * l + c] += spreadTerm - shrink
            }
        }
        guard mean.allSatisfy(\.isFinite), covariance.allSatisfy(\.isFinite) else { return nil }
        return (mean, covariance)
    }

    /// The covariance matrix of N x L labels (L x L row-major, divided by N - 1, or N for one star); a label
    /// without spread gets variance 1 and no covariance, so that the matrix stays positive definite.
    static func covariance(of labels: [Double], count n: Int, labelCount l: Int) -> [Double] {
        var mean = [Double](repeating: 0, count: l)
        for i in 0..<n { for c in 0..<l { mean[c] += labels[i * l + c] / Double(n) } }
        var out = [Double](repeating: 0, count: l * l)
        for i in 0..<n {
            for r in 0..<l {
                let dr = labels[i * l + r] - mean[r]
                for c in 0..<l { out[r * l + c] += dr * (labels[i * l + c] - mean[c]) / Double(max(n - 1, 1)) }
            }
        }
        for c in 0..<l where !(out[c * l + c] > 1e-12) {
            for k in 0..<l { out[c * l + k] = 0; out[k * l + c] = 0 }
            out[c * l + c] = 1
        }
        return out
    }
}
