import SLAMNumerics

/// The settings of a prediction run that change its results (a subset of SLAMNumerics' `PredictionOptions`,
/// without the execution details batch size and workers), stored once per distinct value in
/// `prediction_settings` and referenced by every prediction row (`prediction.settings_id`).
///
/// Codable with every key optional: a key missing from stored JSON takes the default of this code.
public struct PredictionSettings: Sendable, Codable, Equatable {
    /// Loss of the label fit: `linear`, `soft_l1:S` or `huber:S` (S in pixel sigmas; see `SLAMFitLoss`).
    public var loss: String
    /// How a robust loss is minimised: `transform` (one fit on the exact objective) or `reweighting`
    /// (IRLS; see `SLAMRobustSolver`). Stored settings without this key predate `transform` and were
    /// `reweighting`.
    public var robustSolver: String
    /// IRLS rounds of a robust loss under `reweighting`.
    public var robustRounds: Int
    /// Template starts refined per spectrum.
    public var starts: Int
    /// Model evaluation precision: `single` or `double`.
    public var precision: String
    /// Bound the labels to the training range +- `runawayMargin` of it.
    public var boundLabels: Bool
    /// Fraction of the training range beyond it where labels are bounded and flagged `ran_away`.
    public var runawayMargin: Double
    /// Fraction of the training range beyond it that flags `outside_training_range`.
    public var trainingRangeMargin: Double
    /// k of the `far_from_training_set` test.
    public var neighbourCount: Int
    /// Quantile of the training stars' own k-th-neighbour distances of that test.
    public var farFromTrainingQuantile: Double
    /// Factor on that quantile beyond which a fit is `far_from_training_set`.
    public var farFromTrainingFactor: Double
    /// Formal sigmas separating distinct minima (`several_minima`).
    public var minimaSeparation: Double
    /// Objective tolerance of a competing minimum, times max(1, reduced chi-square).
    public var minimaObjectiveTolerance: Double
    /// Reduced chi-square above which a fit is `poor_fit`.
    public var poorFitReducedChiSquare: Double
    /// Fraction of good pixels below which a fit is `few_pixels`.
    public var fewPixelsFraction: Double
    /// MINPACK xtol.
    public var xtol: Double
    /// MINPACK maxfev per run.
    public var maxFunctionEvaluations: Int
    /// Degree of the continuum correction fitted with the labels (`ContinuumCorrection`), or nil for
    /// none. Stored settings without this key predate it and had none.
    public var continuumDegree: Int?
    /// Rounds of the continuum correction (ignored without `continuumDegree`).
    public var continuumRounds: Int
    /// Where the correction's first round takes its labels: `first_guess` or `plain_fit` (see
    /// `ContinuumStart`). Stored settings without this key predate the choice and started from the plain fit.
    public var continuumStart: String
    /// The published estimate: `ml` (the maximum-likelihood fit) or `posterior_mean:S` (see `LabelEstimate`).
    /// Stored settings without this key predate it and published `ml`.
    public var estimate: String

    /// The settings of `options` (default: the catalogue's, `PredictionOptions.catalogue`: SLAMNumerics'
    /// defaults with the continuum correction of degree 2).
    public init(_ options: PredictionOptions = .catalogue) {
        loss = options.loss.name
        robustSolver = options.robustSolver.rawValue
        robustRounds = options.robustRounds
        starts = options.starts
        precision = options.precision == .single ? "single" : "double"
        boundLabels = options.boundLabels
        runawayMargin = options.runawayMargin
        trainingRangeMargin = options.trainingRangeMargin
        neighbourCount = options.neighbourCount
        farFromTrainingQuantile = options.farFromTrainingQuantile
        farFromTrainingFactor = options.farFromTrainingFactor
        minimaSeparation = options.minimaSeparation
        minimaObjectiveTolerance = options.minimaObjectiveTolerance
        poorFitReducedChiSquare = options.poorFitReducedChiSquare
        fewPixelsFraction = options.fewPixelsFraction
        xtol = options.xtol
        maxFunctionEvaluations = options.maxFunctionEvaluations
        continuumDegree = options.continuumDegree
        continuumRounds = options.continuumRounds
        continuumStart = options.continuumStart.rawValue
        estimate = options.estimate.name
    }

    /// The SLAMNumerics options (default batch size and workers). Throws ``PredictionError/invalidSettings(_:)``
    /// for an unknown loss or precision name.
    public func options() throws(PredictionError) -> PredictionOptions {
        var o = PredictionOptions()
        guard let loss = SLAMFitLoss(name: loss) else { throw .invalidSettings("loss '\(self.loss)': expected linear, soft_l1:S or huber:S") }
        o.loss = loss
        switch precision {
        case "single": o.precision = .single
        case "double": o.precision = .double
        default: throw .invalidSettings("precision '\(precision)': expected single or double")
        }
        guard let solver = SLAMRobustSolver(rawValue: robustSolver) else {
            throw .invalidSettings("robust solver '\(robustSolver)': expected transform or reweighting")
        }
        o.robustSolver = solver
        o.robustRounds = robustRounds
        o.starts = starts
        o.boundLabels = boundLabels
        o.runawayMargin = runawayMargin
        o.trainingRangeMargin = trainingRangeMargin
        o.neighbourCount = neighbourCount
        o.farFromTrainingQuantile = farFromTrainingQuantile
        o.farFromTrainingFactor = farFromTrainingFactor
        o.minimaSeparation = minimaSeparation
        o.minimaObjectiveTolerance = minimaObjectiveTolerance
        o.poorFitReducedChiSquare = poorFitReducedChiSquare
        o.fewPixelsFraction = fewPixelsFraction
        o.xtol = xtol
        o.maxFunctionEvaluations = maxFunctionEvaluations
        o.continuumDegree = continuumDegree
        o.continuumRounds = continuumRounds
        guard let start = ContinuumStart(rawValue: continuumStart) else {
            throw .invalidSettings("continuum start '\(continuumStart)': expected first_guess or plain_fit")
        }
        o.continuumStart = start
        guard let estimate = LabelEstimate(name: estimate) else {
            throw .invalidSettings("estimate '\(self.estimate)': expected ml or posterior_mean:S")
        }
        o.estimate = estimate
        return o
    }

    private enum CodingKeys: String, CodingKey {
        case loss, robustSolver, robustRounds, starts, precision, boundLabels, runawayMargin, trainingRangeMargin, neighbourCount
        case farFromTrainingQuantile, farFromTrainingFactor, minimaSeparation, minimaObjectiveTolerance
        case poorFitReducedChiSquare, fewPixelsFraction, xtol, maxFunctionEvaluations, continuumDegree, continuumRounds
        case estimate, continuumStart
    }

    /// Decodes stored settings; missing keys take this code's defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        loss = try c.decodeIfPresent(String.self, forKey: .loss) ?? loss
        robustRounds = try c.decodeIfPresent(Int.self, forKey: .robustRounds) ?? robustRounds
        let legacy = c.contains(.robustRounds) ? SLAMRobustSolver.reweighting.rawValue : robustSolver
        robustSolver = try c.decodeIfPresent(String.self, forKey: .robustSolver) ?? legacy
        starts = try c.decodeIfPresent(Int.self, forKey: .starts) ?? starts
        precision = try c.decodeIfPresent(String.self, forKey: .precision) ?? precision
        boundLabels = try c.decodeIfPresent(Bool.self, forKey: .boundLabels) ?? boundLabels
        runawayMargin = try c.decodeIfPresent(Double.self, forKey: .runawayMargin) ?? runawayMargin
        trainingRangeMargin = try c.decodeIfPresent(Double.self, forKey: .trainingRangeMargin) ?? trainingRangeMargin
        neighbourCount = try c.decodeIfPresent(Int.self, forKey: .neighbourCount) ?? neighbourCount
        farFromTrainingQuantile = try c.decodeIfPresent(Double.self, forKey: .farFromTrainingQuantile) ?? farFromTrainingQuantile
        farFromTrainingFactor = try c.decodeIfPresent(Double.self, forKey: .farFromTrainingFactor) ?? farFromTrainingFactor
        minimaSeparation = try c.decodeIfPresent(Double.self, forKey: .minimaSeparation) ?? minimaSeparation
        minimaObjectiveTolerance = try c.decodeIfPresent(Double.self, forKey: .minimaObjectiveTolerance) ?? minimaObjectiveTolerance
        poorFitReducedChiSquare = try c.decodeIfPresent(Double.self, forKey: .poorFitReducedChiSquare) ?? poorFitReducedChiSquare
        fewPixelsFraction = try c.decodeIfPresent(Double.self, forKey: .fewPixelsFraction) ?? fewPixelsFraction
        xtol = try c.decodeIfPresent(Double.self, forKey: .xtol) ?? xtol
        maxFunctionEvaluations = try c.decodeIfPresent(Int.self, forKey: .maxFunctionEvaluations) ?? maxFunctionEvaluations
        // Absent: a run stored before the continuum correction existed, which had none.
        continuumDegree = try c.decodeIfPresent(Int.self, forKey: .continuumDegree)
        continuumRounds = try c.decodeIfPresent(Int.self, forKey: .continuumRounds) ?? continuumRounds
        // Absent: a run stored before the start could be chosen, which started from the plain fit.
        continuumStart = try c.decodeIfPresent(String.self, forKey: .continuumStart) ?? ContinuumStart.plainFit.rawValue
        // Absent: a run stored before the estimate could be chosen, which published the fit.
        estimate = try c.decodeIfPresent(String.self, forKey: .estimate) ?? LabelEstimate.maximumLikelihood.name
    }
}
