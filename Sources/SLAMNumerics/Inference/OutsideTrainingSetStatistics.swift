/// What one fit tells about whether its star is unlike every training star (issue 20): the inputs of the
/// `outside_training_set` decision (`OutsideTrainingSetRule`, flag `LabelFitFlags.outsideTrainingSet`).
///
/// Every statistic is computed from the fit and its own spectrum alone, so the same numbers come out for a
/// survey spectrum and for the inside fits the rule is calibrated on. All chi-squares are against the
/// model's own per-pixel variance, w_j = 1 / (sigma_obs,j^2 + crossValidatedMSE_j) in standardised flux
/// (the fit's weights; see `SLAMPredictor`).
public struct OutsideTrainingSetStatistics: Sendable, Equatable, Codable {
    /// Distance in standardised label space from the fitted labels to the k-th nearest training label
    /// (the continuous value behind `farFromTrainingSet`, bit 7); NaN when that test is off.
    public var neighbourDistance: Double
    /// Reduced chi-square of the fit: chi2 / (pixels used - L).
    public var reducedChiSquare: Double
    /// Reduced chi-square over the strongest-line pixels only: the `linePixelFraction` of the model's
    /// pixels with the largest training flux spread (`fluxScaler.scale`), where the labels act most.
    public var lineChiSquare: Double
    /// Residual pattern: the used pixels, in wavelength order, cut into `trendBlocks` contiguous blocks;
    /// the mean over blocks of (sum of normalised residuals r_j = sqrt(w_j)(f_obs,j - f_j))^2 / n_b,
    /// divided by the mean r_j^2. About 1 for white residuals whatever their amplitude; large when the
    /// residuals are correlated along the spectrum (a continuum or line-profile mismatch).
    public var residualTrend: Double
    /// First guess chi-square / refined chi-square (>= 1 when refinement improved the fit).
    public var firstGuessRatio: Double
    /// S/N of the spectrum as the decision bins it: the median over used pixels of |flux_j| sqrt(ivar_j),
    /// normalised flux (per pixel; about S/N_g x 1 for LAMOST, measured from the data, so a degraded copy
    /// of a spectrum is binned by the noise it has).
    public var snr: Double

    /// The names of the statistics, in the order of `values` (stored with a rule).
    public static let names = ["neighbour_distance", "reduced_chi2", "line_chi2", "residual_trend", "first_guess_ratio"]

    /// Fraction of the model's pixels taken as strongest-line pixels for `lineChiSquare`.
    public static let linePixelFraction = 0.1
    /// Blocks of the residual-pattern statistic.
    public static let trendBlocks = 16

    public init(neighbourDistance: Double, reducedChiSquare: Double, lineChiSquare: Double, residualTrend: Double,
                firstGuessRatio: Double, snr: Double) {
        self.neighbourDistance = neighbourDistance
        self.reducedChiSquare = reducedChiSquare
        self.lineChiSquare = lineChiSquare
        self.residualTrend = residualTrend
        self.firstGuessRatio = firstGuessRatio
        self.snr = snr
    }

    /// The statistic named `name` (one of `names`), or nil for an unknown name.
    public func value(named name: String) -> Double? {
        switch name {
        case "neighbour_distance": neighbourDistance
        case "reduced_chi2": reducedChiSquare
        case "line_chi2": lineChiSquare
        case "residual_trend": residualTrend
        case "first_guess_ratio": firstGuessRatio
        default: nil
        }
    }

    /// The residual-pattern statistic of normalised residuals `r` (used pixels in wavelength order):
    /// see `residualTrend`. NaN with fewer residuals than blocks or all residuals zero.
    public static func residualTrend(_ r: [Double], blocks: Int = trendBlocks) -> Double {
        let n = r.count
        guard blocks >= 1, n >= blocks else { return .nan }
        var meanSquare = 0.0
        for x in r { meanSquare += x * x }
        meanSquare /= Double(n)
        guard meanSquare > 0 else { return .nan }
        var total = 0.0
        for b in 0..<blocks {
            let lo = b * n / blocks, hi = (b + 1) * n / blocks
            var s = 0.0
            for j in lo..<hi { s += r[j] }
            total += s * s / Double(hi - lo)
        }
        return total / Double(blocks) / meanSquare
    }
}
