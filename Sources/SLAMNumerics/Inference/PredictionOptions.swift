/// Settings of SLAM label inference (first guess by template matching, then Levenberg-Marquardt
/// refinement with MINPACK `lmder`; Zhang, Liu & Deng 2020, sect. 3.3).
public struct PredictionOptions: Sendable, Equatable {
    /// Floating-point precision of the model evaluation (the matrix products over the dual coefficients).
    public enum Precision: Sendable, Equatable {
        /// Coefficients and kernel vectors in Float (sgemm): half the memory and about twice the speed;
        /// model flux is accurate to about 1e-5 standardised units, far below any pixel's noise.
        case single
        /// Coefficients and kernel vectors in Double (dgemm).
        case double
    }

    /// Precision of the model evaluation. Default `.single`.
    public var precision: Precision = .single
    /// Number of template-matching starts refined per spectrum (the best `starts` templates); the fit
    /// with the lowest chi-square wins. Default 1.
    public var starts: Int = 1
    /// MINPACK `ftol`: stop when the relative reduction of chi-square is below this. Default 1e-8.
    public var ftol: Double = 1e-8
    /// MINPACK `xtol`: stop when the relative change of the (scaled) standardised labels is below this.
    /// Default 1e-4: far below any label's uncertainty (on the paper-sized bench, 1e-4 and 1e-6 give the
    /// same precision to three digits, and 1e-4 needs 20% fewer model evaluations).
    public var xtol: Double = 1e-4
    /// MINPACK `gtol`: stop when the gradient is orthogonal to the residuals to this level. Default 0.
    public var gtol: Double = 0
    /// MINPACK `maxfev`: most model evaluations per fit. Default 100.
    public var maxFunctionEvaluations: Int = 100
    /// MINPACK `factor`: initial step bound relative to the scaled start. Default 10.
    public var stepBoundFactor: Double = 10
    /// A label beyond the training range by more than this fraction of the range (per label, in either
    /// direction) flags the fit `outsideTrainingRange`. Default 0.05.
    public var trainingRangeMargin: Double = 0.05
    /// A label beyond the training range by more than this fraction of the range flags the fit `ranAway`:
    /// the model there is a tail of the kernels with no training star nearby. Default 0.5.
    public var runawayMargin: Double = 0.5
    /// Fewer good pixels than this fraction of the model's pixels flags the fit `fewPixels`. Default 0.9.
    public var fewPixelsFraction: Double = 0.9
    /// Fewer good pixels than this is an error (`InferenceError.tooFewPixels`); never less than L + 1.
    /// Default 10.
    public var minimumPixels: Int = 10
    /// A reduced chi-square above this flags the fit `poorFit`. Default 3.
    public var poorFitReducedChiSquare: Double = 3
    /// Fits run in lockstep so that their model evaluations share one matrix product (one thread per
    /// fit; the product is what costs, and it is several times cheaper per spectrum when wide). 1 turns
    /// lockstep off. Default 64.
    public var batchSize: Int = 64
    /// Concurrent workers, `nil` meaning one per active processor: independent lockstep groups (or, with
    /// `batchSize` 1, fitting threads). Each group's matrix products also use OpenBLAS's threads; with
    /// one group per core, `OPENBLAS_NUM_THREADS=1` avoids OpenBLAS threads spinning against the groups
    /// (measured: 5.5 instead of 7 CPU-ms per spectrum on the paper-sized model).
    public var workers: Int? = nil

    /// Loss of the label fit. `.linear` is plain least squares; the robust losses down-weight pixels
    /// whose normalised residual r = sqrt(w) (f_obs - f) is large (cosmic rays, sky residuals, unflagged
    /// bad pixels), minimised as `robustSolver` says.
    /// Default `.softL1(scale: 3)` (see README "Robust fitting" for the measurement).
    public var loss: SLAMFitLoss = .softL1(scale: 3)
    /// How a robust loss is minimised. Default `.transform` (one `lmder` run on the exact objective).
    public var robustSolver: SLAMRobustSolver = .transform
    /// Reweighting rounds of `.reweighting` after its first Levenberg-Marquardt run; each round
    /// recomputes the pixel weights at the current labels and refits from there. Ignored for `.linear`
    /// and `.transform`. Default 3.
    public var robustRounds: Int = 3
    /// Two starts' optima are distinct minima when some label differs by more than this many formal
    /// sigmas of the best fit (flag `severalMinima`). Default 3.
    public var minimaSeparation: Double = 3
    /// A start's optimum counts as a competing minimum only when its objective is within this of the
    /// best one's, times max(1, best reduced chi-square). Default 25.
    public var minimaObjectiveTolerance: Double = 25
    /// k of the k-nearest-neighbour test of `farFromTrainingSet` (standardised label space). Default 10.
    public var neighbourCount: Int = 10
    /// Quantile of the training stars' own (leave-one-out) k-th-neighbour distances that sets the scale
    /// of `farFromTrainingSet`. Default 0.99.
    public var farFromTrainingQuantile: Double = 0.99
    /// A fit is `farFromTrainingSet` when its k-th-neighbour distance exceeds this factor times that
    /// quantile. Default 1 (on the 3,000-star mock survey: 5% of spectra flagged, two thirds of them
    /// truly outside the training set; 1.2 flags 0.2%, 1.5 none).
    public var farFromTrainingFactor: Double = 1
    /// Labels are bounded to the training range +- `runawayMargin` of it (the model there is evaluated at
    /// the bound, and a fit that ends on it is flagged `atBound` and `ranAway`). Default true.
    public var boundLabels: Bool = true

    /// Degree K of the multiplicative continuum correction fitted with the labels (`ContinuumCorrection`:
    /// a Legendre series in pixel position that multiplies the model), 0 ... 10, or nil for none. Default
    /// nil here (plain maximum likelihood); the catalogue's predictions use `catalogue`, which sets 2.
    public var continuumDegree: Int? = nil
    /// Rounds of the continuum correction (each: fit P at the last labels, refit the labels to flux / P;
    /// the first round at the labels `continuumStart` names). Ignored when `continuumDegree` is nil.
    /// Default 1.
    public var continuumRounds: Int = 1
    /// Where the correction's first round takes its labels: the first guess (no fit of its own) or a
    /// plain fit. Ignored when `continuumDegree` is nil. Default `.firstGuess`: on the mock K giants of
    /// `slam-bench bias` and the 6,000-star demo, one round from the first guess gives the precision and
    /// bias of the plain fit and two rounds, at a third of the cost.
    public var continuumStart: ContinuumStart = .firstGuess
    /// The published estimate: the maximum-likelihood fit, or the posterior mean under the training set's
    /// label density (`LabelEstimate`, `TrainingSetPrior`). Default `.maximumLikelihood` here; the
    /// catalogue's predictions use `catalogue`.
    public var estimate: LabelEstimate = .maximumLikelihood

    /// Default options.
    public init() {}

    /// The options of the published catalogue (`slam predict`, the demo): the defaults with the continuum
    /// correction of degree 2. On mock K giants (`slam-bench bias`) it removes the low-S/N bias that the
    /// noise-pulled pseudo-continuum gives ([M/H] +0.16 dex at S/N_g 10 without it, +0.01 with it);
    /// degrees 0, 1 and 2 did equally well there, and 2 also absorbs a curved offset. From the first
    /// guess in one round (`continuumStart`, `continuumRounds`) it costs no more label fits than the
    /// plain fit.
    public static var catalogue: PredictionOptions {
        var options = PredictionOptions()
        options.continuumDegree = 2
        options.estimate = .posteriorMean(likelihoodScale: 1)
        return options
    }
}

/// How a robust loss (`PredictionOptions.loss` other than `.linear`) is minimised with MINPACK `lmder`.
public enum SLAMRobustSolver: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// One `lmder` run on transformed residuals r~ = r sqrt(rho(z) / z) (z = r^2 / s^2), whose sum of
    /// squares is the robust objective s^2 sum rho(z) itself, with the Jacobian rows scaled by
    /// d r~ / d r = rho'(z) / sqrt(rho(z) / z). Minimises the objective exactly, at about the cost of a
    /// plain fit.
    case transform
    /// Iteratively reweighted least squares: `lmder` runs with pixel weights rho'(z), first at the start,
    /// then at each run's labels (`PredictionOptions.robustRounds` rounds, stopping when the weights
    /// settle). About twice the model evaluations of `.transform`; kept for runs stored with it.
    case reweighting
}

/// Loss of the SLAM label fit, on normalised residuals r = sqrt(w) (f_obs - f(theta)) (units of the
/// pixel's sigma). With z = (r / s)^2 and scale s the objective is s^2 sum rho(z):
/// - `.linear`: rho(z) = z (plain chi-square);
/// - `.softL1(scale:)`: rho(z) = 2 (sqrt(1 + z) - 1), as scipy `least_squares(loss='soft_l1')`;
/// - `.huber(scale:)`: rho(z) = z for z <= 1, else 2 sqrt(z) - 1.
public enum SLAMFitLoss: Sendable, Equatable, Hashable, Codable {
    case linear
    case softL1(scale: Double)
    case huber(scale: Double)

    /// The scale s (sigmas), or nil for `.linear`.
    public var scale: Double? {
        switch self {
        case .linear: nil
        case let .softL1(s), let .huber(s): s
        }
    }

    /// The IRLS weight rho'(z) of a residual r (> 0; 1 for `.linear`).
    public func weight(residual r: Double) -> Double {
        switch self {
        case .linear: return 1
        case let .softL1(s): return 1 / (1 + (r / s) * (r / s)).squareRoot()
        case let .huber(s): return abs(r) <= s ? 1 : s / abs(r)
        }
    }

    /// The residual transform of `SLAMRobustSolver.transform`: r~ = r g with g = sqrt(rho(z) / z), so that
    /// r~^2 = s^2 rho(z), and its slope d r~ / d r = rho'(z) / g (both 1 for `.linear` and at r = 0).
    /// Written without cancellation: for `.softL1`, rho(z) / z = 2 / (sqrt(1 + z) + 1).
    public func transform(residual r: Double) -> (value: Double, slope: Double) {
        switch self {
        case .linear:
            return (r, 1)
        case let .softL1(s):
            let root = (1 + (r / s) * (r / s)).squareRoot()
            let g = (2 / (root + 1)).squareRoot()
            return (r * g, 1 / (root * g))
        case let .huber(s):
            let a = abs(r)
            guard a > s else { return (r, 1) }
            let g = (s * (2 * a - s)).squareRoot() / a
            return (r * g, s / (a * g))
        }
    }

    /// s^2 rho((r / s)^2): the contribution of one residual to the objective (r^2 for `.linear`).
    public func objective(residual r: Double) -> Double {
        switch self {
        case .linear: return r * r
        case let .softL1(s): return s * s * 2 * ((1 + (r / s) * (r / s)).squareRoot() - 1)
        case let .huber(s): return abs(r) <= s ? r * r : s * (2 * abs(r) - s)
        }
    }

    /// The text form stored with a prediction run: `linear`, `soft_l1:S`, `huber:S` (S without a
    /// trailing `.0`, e.g. `soft_l1:3`); the canonical form of what `init(name:)` parses.
    public var name: String {
        func text(_ s: Double) -> String {
            let t = "\(s)"
            return t.hasSuffix(".0") ? String(t.dropLast(2)) : t
        }
        switch self {
        case .linear: return "linear"
        case let .softL1(s): return "soft_l1:" + text(s)
        case let .huber(s): return "huber:" + text(s)
        }
    }

    /// Parses `name`'s form (`linear`, `soft_l1:S`, `huber:S`, S finite and positive); nil otherwise.
    public init?(name: String) {
        if name == "linear" { self = .linear; return }
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let s = Double(parts[1]), s.isFinite, s > 0 else { return nil }
        switch parts[0] {
        case "soft_l1": self = .softL1(scale: s)
        case "huber": self = .huber(scale: s)
        default: return nil
        }
    }
}
