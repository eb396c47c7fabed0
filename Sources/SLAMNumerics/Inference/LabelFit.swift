/// Outcome of MINPACK `lmder` for one fit, from its `info` code.
public enum LabelFitStatus: Sendable, Equatable, Hashable {
    /// info 1: the relative reduction of chi-square fell below `ftol`.
    case chiSquareConverged
    /// info 2: the relative change of the labels fell below `xtol`.
    case labelsConverged
    /// info 3: both of the above.
    case bothConverged
    /// info 4: the gradient is orthogonal to the residuals to `gtol` (a stationary point).
    case gradientConverged
    /// info 5: `maxFunctionEvaluations` reached; not converged.
    case maxEvaluationsReached
    /// info 6, 7, 8: a tolerance is too small to improve further; as converged as machine precision allows.
    case toleranceTooSmall(info: Int)
    /// info < 0: the fit was stopped because the model or its Jacobian became non-finite (labels running
    /// off to infinity); not converged, and the start is kept.
    case stoppedOnNonFiniteModel

    /// The MINPACK `info` code mapped to a status; negative codes (a stop requested by the callback) map
    /// to `stoppedOnNonFiniteModel`, 6-8 and unknown codes to `toleranceTooSmall(info:)`.
    public init(minpackInfo info: Int) {
        switch info {
        case ..<0: self = .stoppedOnNonFiniteModel
        case 1: self = .chiSquareConverged
        case 2: self = .labelsConverged
        case 3: self = .bothConverged
        case 4: self = .gradientConverged
        case 5: self = .maxEvaluationsReached
        default: self = .toleranceTooSmall(info: info)
        }
    }

    /// True when the fit stopped on a convergence test (info 1-4 or 6-8).
    public var isConverged: Bool {
        switch self {
        case .maxEvaluationsReached, .stoppedOnNonFiniteModel: return false
        default: return true
        }
    }
}

/// Quality flags of one label fit.
public struct LabelFitFlags: OptionSet, Sendable, Hashable {
    /// The flag bits (stable: stored in catalogues).
    public let rawValue: UInt32
    /// Flags from their bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A label lies beyond the training range by more than `PredictionOptions.trainingRangeMargin`:
    /// extrapolation, not to be trusted.
    public static let outsideTrainingRange = LabelFitFlags(rawValue: 1 << 0)
    /// MINPACK stopped without meeting a convergence test (`maxFunctionEvaluations` reached).
    public static let notConverged = LabelFitFlags(rawValue: 1 << 1)
    /// Fewer good pixels than `PredictionOptions.fewPixelsFraction` of the model's pixels.
    public static let fewPixels = LabelFitFlags(rawValue: 1 << 2)
    /// Reduced chi-square above `PredictionOptions.poorFitReducedChiSquare`.
    public static let poorFit = LabelFitFlags(rawValue: 1 << 3)
    /// The Levenberg-Marquardt optimum had a higher chi-square than its start, so the start was kept.
    public static let keptFirstGuess = LabelFitFlags(rawValue: 1 << 4)
    /// A label ran beyond the training range by more than `PredictionOptions.runawayMargin`.
    public static let ranAway = LabelFitFlags(rawValue: 1 << 5)
    /// J^T W J was not positive definite: the covariance and formal errors are NaN.
    public static let singularCovariance = LabelFitFlags(rawValue: 1 << 6)
    /// The labels lie far from every training star: the distance (standardised label space) to the k-th
    /// nearest training label (k = `PredictionOptions.neighbourCount`) exceeds
    /// `farFromTrainingFactor` times the `farFromTrainingQuantile` quantile of the training stars' own
    /// leave-one-out k-th-neighbour distances. Catches holes inside the training range that
    /// `outsideTrainingRange` (a per-label box test) cannot see.
    public static let farFromTrainingSet = LabelFitFlags(rawValue: 1 << 7)
    /// More than one distinct minimum among the starts (`PredictionOptions.starts` > 1): optima differing
    /// by more than `minimaSeparation` formal sigmas in some label with objectives within
    /// `minimaObjectiveTolerance` of the best. The labels are ambiguous.
    public static let severalMinima = LabelFitFlags(rawValue: 1 << 8)
    /// The fit ended on the label bound (training range +- `runawayMargin` of it, with
    /// `PredictionOptions.boundLabels`): the optimum lies further out, where the model is extrapolation.
    /// Always set together with `ranAway`.
    public static let atBound = LabelFitFlags(rawValue: 1 << 9)
    /// The star is unlike every training star (issue 20): the `outside_training_set` decision of the
    /// model's `OutsideTrainingSetRule` (label-space distance, chi-squares against the model's own
    /// variance, residual pattern and first-guess ratio, thresholds per S/N bin calibrated on inside
    /// fits). Bits 10-11 are preprocessing flags (`PreprocessingFlags`).
    public static let outsideTrainingSet = LabelFitFlags(rawValue: 1 << 12)
}

/// The labels of one spectrum fitted by SLAM (Zhang, Liu & Deng 2020, sect. 3.3), in physical and
/// standardised units, with the formal covariance `(J^T W J)^-1` at the optimum (not scaled by the
/// reduced chi-square; the honest error bar is the empirical precision from cross-validation). With a
/// robust loss, the covariance uses the final IRLS weights (outlying pixels down-weighted) and the
/// chi-squares are plain (every pixel at its full weight w_j).
public struct LabelFit: Sendable, Equatable {
    /// Labels in physical units (K, dex), L entries in the model's label order.
    public var labels: [Double]
    /// Formal covariance in physical units, L x L row-major; NaN when `singularCovariance`.
    public var covariance: [Double]
    /// Labels in standardised units, L entries.
    public var standardisedLabels: [Double]
    /// Formal covariance in standardised label units, L x L row-major.
    public var standardisedCovariance: [Double]
    /// The start of the winning fit (the first guess), physical units, L entries.
    public var firstGuess: [Double]
    /// Index of the template that gave the winning start, or `nil` for a start given by the caller.
    public var templateIndex: Int?
    /// Chi-square at the start: sum_j w_j (f_obs,j - f_j(theta_0))^2, standardised flux units.
    public var firstGuessChiSquare: Double
    /// Chi-square at the reported labels.
    public var chiSquare: Double
    /// Number of pixels with positive weight used in the fit.
    public var pixelsUsed: Int
    /// MINPACK function evaluations (`nfev`), summed over all starts.
    public var functionEvaluations: Int
    /// MINPACK Jacobian evaluations (`njev`), summed over all starts.
    public var jacobianEvaluations: Int
    /// MINPACK outcome of the winning fit.
    public var status: LabelFitStatus
    /// Quality flags.
    public var flags: LabelFitFlags
    /// Distinct minima found among the starts (1 with a single start; see `severalMinima`).
    public var distinctMinima: Int = 1
    /// Distance in standardised label space to the k-th nearest training label (see `farFromTrainingSet`).
    public var neighbourDistance: Double = .nan
    /// Loss the fit minimised (`PredictionOptions.loss`).
    public var loss: SLAMFitLoss = .linear
    /// Legendre coefficients of the continuum correction P the labels were fitted with (flux / P; see
    /// `ContinuumCorrection`), empty when none was fitted.
    public var continuumCorrection: [Double] = []
    /// The posterior mean under the training set's label density (`PredictionOptions.estimate`
    /// `.posteriorMean`, `TrainingSetPrior`), physical units, L entries; nil when the published estimate is
    /// the maximum-likelihood fit `labels` (or the posterior could not be formed: a singular covariance).
    public var posteriorMean: [Double]? = nil
    /// The covariance of that posterior, physical units, L x L row-major; nil with `posteriorMean`.
    public var posteriorCovariance: [Double]? = nil

    /// Number of labels, L.
    public var labelCount: Int { labels.count }
    /// Reduced chi-square: chi-square / (pixels used - L); NaN when there are no degrees of freedom.
    public var reducedChiSquare: Double {
        let dof = pixelsUsed - labels.count
        return dof > 0 ? chiSquare / Double(dof) : .nan
    }
    /// Formal errors in physical units: square roots of the covariance diagonal, L entries.
    public var formalErrors: [Double] {
        Self.diagonalRoots(covariance, count: labels.count)
    }
    /// The published labels: `posteriorMean` when formed, else the maximum-likelihood `labels`.
    public var publishedLabels: [Double] { posteriorMean ?? labels }
    /// The covariance of `publishedLabels`, physical units, L x L row-major.
    public var publishedCovariance: [Double] { posteriorCovariance ?? covariance }
    /// Formal errors of `publishedLabels`: square roots of `publishedCovariance`'s diagonal, L entries.
    public var publishedFormalErrors: [Double] {
        Self.diagonalRoots(publishedCovariance, count: labels.count)
    }
    /// Formal errors in standardised units, L entries.
    public var standardisedFormalErrors: [Double] {
        Self.diagonalRoots(standardisedCovariance, count: labels.count)
    }

    /// Square roots of the diagonal of an L x L row-major matrix.
    private static func diagonalRoots(_ matrix: [Double], count l: Int) -> [Double] {
        (0..<l).map { matrix[$0 * l + $0].squareRoot() }
    }
}
