/// Hyperparameters of one pixel's epsilon-SVR with RBF kernel `K(a, b) = exp(-gamma |a - b|^2)`,
/// all in standardised units.
public struct SVRHyperparameters: Sendable, Equatable, Hashable {
    /// Penalty on errors beyond the epsilon tube.
    public var c: Double
    /// Half-width of the insensitive tube, in standardised flux units.
    public var epsilon: Double
    /// RBF kernel width, in 1 / (standardised label units)^2.
    public var gamma: Double

    public init(c: Double, epsilon: Double, gamma: Double) {
        self.c = c
        self.epsilon = epsilon
        self.gamma = gamma
    }
}

/// A trained SLAM model (Zhang, Liu & Deng 2020, eq. 5): for pixel j,
///
///     f_j(theta) = sum_i coefficients[j, i] * exp(-gamma_j * |trainingLabels[i] - theta|^2) + intercept[j]
///
/// in standardised flux units, with `theta` the standardised label vector. Physical flux is
/// `fluxScaler.inverse(f_j, column: j)`.
///
/// Shapes (N training stars, L labels, P pixels):
/// - `trainingLabels`: N x L, row-major, standardised with `labelScaler`.
/// - `coefficients`: P x N, row-major (pixel j's N dual coefficients `alpha_i - alpha*_i` are contiguous;
///   zero for stars that are not support vectors of that pixel, or were left out by a 0/1 weight).
/// - `hyperparameters`, `intercept`, `crossValidatedMSE`: P entries.
public struct SLAMModel: Sendable, Equatable {
    /// Label names in column order, e.g. `["teff", "logg", "m_h"]`.
    public var labelNames: [String]
    /// Wavelength of each model pixel, Angstrom (rest frame, vacuum).
    public var wavelength: [Double]
    /// Label standardisation (L columns, physical units: K, dex).
    public var labelScaler: Standardiser
    /// Flux standardisation (P columns, normalised flux units).
    public var fluxScaler: Standardiser
    /// Standardised training labels, N x L row-major.
    public var trainingLabels: [Double]
    /// Dual coefficients, P x N row-major.
    public var coefficients: [Double]
    /// Intercept b_j per pixel, standardised flux units.
    public var intercept: [Double]
    /// Hyperparameters per pixel.
    public var hyperparameters: [SVRHyperparameters]
    /// Cross-validated mean squared error per pixel, in standardised flux units squared: the model's own
    /// variance at that pixel, added to the observational variance in prediction. `nil` entries are not
    /// allowed; a pixel trained with fixed hyperparameters carries its K-fold CV MSE when one was run, or
    /// its training MSE otherwise. `+infinity` marks a pixel without a model (no usable training sample;
    /// zero coefficients and intercept): infinite model variance, weight 0 in prediction (`isPixelUsable`).
    public var crossValidatedMSE: [Double]

    public init(
        labelNames: [String], wavelength: [Double], labelScaler: Standardiser, fluxScaler: Standardiser,
        trainingLabels: [Double], coefficients: [Double], intercept: [Double],
        hyperparameters: [SVRHyperparameters], crossValidatedMSE: [Double]
    ) {
        let n = labelNames.isEmpty ? 0 : trainingLabels.count / labelNames.count
        let p = wavelength.count
        precondition(labelScaler.count == labelNames.count, "one label scaler column per label")
        precondition(fluxScaler.count == p, "one flux scaler column per pixel")
        precondition(trainingLabels.count == n * labelNames.count, "trainingLabels must be N x L")
        precondition(coefficients.count == p * n, "coefficients must be P x N")
        precondition(intercept.count == p && hyperparameters.count == p && crossValidatedMSE.count == p,
                     "one intercept, hyperparameter set and CV MSE per pixel")
        self.labelNames = labelNames
        self.wavelength = wavelength
        self.labelScaler = labelScaler
        self.fluxScaler = fluxScaler
        self.trainingLabels = trainingLabels
        self.coefficients = coefficients
        self.intercept = intercept
        self.hyperparameters = hyperparameters
        self.crossValidatedMSE = crossValidatedMSE
    }

    /// Number of labels, L.
    public var labelCount: Int { labelNames.count }
    /// Number of pixels, P.
    public var pixelCount: Int { wavelength.count }
    /// Number of training stars, N.
    public var trainingCount: Int { labelNames.isEmpty ? 0 : trainingLabels.count / labelNames.count }
}
