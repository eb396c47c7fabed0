/// Puts labels on spectra with a trained SLAM model (Zhang, Liu & Deng 2020, sect. 3.3): a first guess
/// by chi-square template matching (`TemplateLibrary`), refined by Levenberg-Marquardt (MINPACK `lmder`)
/// with the analytic Jacobian, minimising
///
///     chi2(theta) = sum_j w_j (f_obs,j - f_j(theta))^2,   w_j = 1 / (sigma_obs,j^2 + sigma_model,j^2)
///
/// in standardised flux units: `f_obs,j = (flux_j - fluxScaler.mean_j) / fluxScaler.scale_j`,
/// `sigma_obs,j^2 = 1 / (ivar_j * fluxScaler.scale_j^2)`, `sigma_model,j^2 = crossValidatedMSE_j`.
///
/// Immutable and `Sendable`: one predictor serves any number of concurrent tasks, each with its own
/// buffers. Memory: the regrouped coefficients (P x N Float or Double) plus the model's small arrays.
public struct SLAMPredictor: Sendable {
    /// The settings this predictor was built with.
    public let options: PredictionOptions
    /// Label names, L entries.
    public let labelNames: [String]
    /// Label standardisation (physical <-> standardised).
    public let labelScaler: Standardiser
    /// Flux standardisation (normalised <-> standardised flux), P columns.
    public let fluxScaler: Standardiser
    /// Model variance per pixel (standardised flux units squared), P entries in model pixel order.
    public let modelVariance: [Double]
    /// Smallest standardised training label per label column, L entries.
    public let trainingMinimum: [Double]
    /// Largest standardised training label per label column, L entries.
    public let trainingMaximum: [Double]
    /// Lower label bound of the fit (standardised): training minimum - `runawayMargin` x range; -infinity
    /// without `options.boundLabels`. L entries.
    public let boundMinimum: [Double]
    /// Upper label bound of the fit (standardised), L entries; +infinity without `options.boundLabels`.
    public let boundMaximum: [Double]
    let evaluator: SLAMKernelEvaluator
    /// The k-nearest-neighbour test of `farFromTrainingSet` and of the `neighbour_distance` statistic.
    public let neighbourhood: SLAMTrainingNeighbourhood
    /// The training set's label density, with `options.estimate` `.posteriorMean`; nil otherwise.
    let prior: TrainingSetPrior?

    /// Number of labels, L.
    public var labelCount: Int { evaluator.labelCount }
    /// Number of pixels, P.
    public var pixelCount: Int { evaluator.pixelCount }
    /// Number of training stars, N.
    public var trainingCount: Int { evaluator.trainingCount }

    /// Validates `model` and regroups its coefficients by gamma for evaluation.
    ///
    /// Throws `.emptyModel` for zero training stars, labels or pixels; `.invalidModel` for a non-finite
    /// coefficient, intercept, training label or scaler entry, a gamma that is not finite and positive,
    /// a negative or non-finite CV MSE, or a non-positive scale; `.invalidArgument` for bad options.
    public init(model: SLAMModel, options: PredictionOptions = PredictionOptions()) throws(InferenceError) {
        let n = model.trainingCount, l = model.labelCount, p = model.pixelCount
        guard n > 0, l > 0, p > 0 else { throw .emptyModel(trainingStars: n, labels: l, pixels: p) }
        guard options.starts >= 1 else { throw .invalidArgument(name: "options.starts", value: options.starts) }
        guard options.maxFunctionEvaluations >= 1 else {
            throw .invalidArgument(name: "options.maxFunctionEvaluations", value: options.maxFunctionEvaluations)
        }
        if let w = options.workers, w < 1 { throw .invalidArgument(name: "options.workers", value: w) }
        guard options.batchSize >= 1 else { throw .invalidArgument(name: "options.batchSize", value: options.batchSize) }
        guard options.robustRounds >= 0 else { throw .invalidArgument(name: "options.robustRounds", value: options.robustRounds) }
        guard options.neighbourCount >= 1 else { throw .invalidArgument(name: "options.neighbourCount", value: options.neighbourCount) }
        if let degree = options.continuumDegree, !(0...10).contains(degree) {
            throw .invalidArgument(name: "options.continuumDegree", value: degree)
        }
        if case let .posteriorMean(scale) = options.estimate, !(scale.isFinite && scale > 0) {
            throw .invalidOption(name: "options.estimate.likelihoodScale", value: scale)
        }
        // From the first guess, the rounds are the only label fit: at least one.
        let fewestRounds = options.continuumDegree != nil && options.continuumStart == .firstGuess ? 1 : 0
        guard options.continuumRounds >= fewestRounds else {
            throw .invalidArgument(name: "options.continuumRounds", value: options.continuumRounds)
        }
        if let scale = options.loss.scale, !(scale.isFinite && scale > 0) {
            throw .invalidOption(name: "options.loss.scale", value: scale)
        }
        for (name, value) in [("options.minimaSeparation", options.minimaSeparation),
                              ("options.farFromTrainingFactor", options.farFromTrainingFactor),
                              ("options.runawayMargin", options.runawayMargin)] where !(value.isFinite && value > 0) {
            throw .invalidOption(name: name, value: value)
        }
        if !(options.farFromTrainingQuantile >= 0 && options.farFromTrainingQuantile <= 1) {
            throw .invalidOption(name: "options.farFromTrainingQuantile", value: options.farFromTrainingQuantile)
        }
        if !(options.minimaObjectiveTolerance >= 0) {
            throw .invalidOption(name: "options.minimaObjectiveTolerance", value: options.minimaObjectiveTolerance)
        }
        try Self.requireFinite(model.trainingLabels, field: "trainingLabels")
        try Self.requireFinite(model.coefficients, field: "coefficients")
        try Self.requireFinite(model.intercept, field: "intercept")
        try Self.requireFinite(model.fluxScaler.mean, field: "fluxScaler.mean")
        try Self.requireFinite(model.labelScaler.mean, field: "labelScaler.mean")
        for (field, scale) in [("fluxScaler.scale", model.fluxScaler.scale), ("labelScaler.scale", model.labelScaler.scale)] {
            if let i = scale.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw .invalidModel(field: field, index: i, value: scale[i])
            }
        }
        if let j = model.hyperparameters.firstIndex(where: { !($0.gamma.isFinite && $0.gamma > 0) }) {
            throw .invalidModel(field: "hyperparameters.gamma", index: j, value: model.hyperparameters[j].gamma)
        }
        // +infinity marks a pixel the trainer could not fit (no usable sample): it gets weight 0.
        if let j = model.crossValidatedMSE.firstIndex(where: { !($0 >= 0) }) {
            throw .invalidModel(field: "crossValidatedMSE", index: j, value: model.crossValidatedMSE[j])
        }
        self.options = options
        labelNames = model.labelNames
        labelScaler = model.labelScaler
        fluxScaler = model.fluxScaler
        modelVariance = model.crossValidatedMSE
        var lo = [Double](repeating: .infinity, count: l), hi = [Double](repeating: -.infinity, count: l)
        for i in 0..<n {
            for c in 0..<l {
                lo[c] = min(lo[c], model.trainingLabels[i * l + c])
                hi[c] = max(hi[c], model.trainingLabels[i * l + c])
            }
        }
        trainingMinimum = lo
        trainingMaximum = hi
        let margin = options.runawayMargin
        boundMinimum = (0..<l).map { options.boundLabels ? lo[$0] - margin * (hi[$0] - lo[$0]) : -.infinity }
        boundMaximum = (0..<l).map { options.boundLabels ? hi[$0] + margin * (hi[$0] - lo[$0]) : .infinity }
        evaluator = SLAMKernelEvaluator(model: model, precision: options.precision)
        neighbourhood = SLAMTrainingNeighbourhood(
            labels: model.trainingLabels, labelCount: l, k: options.neighbourCount,
            quantile: options.farFromTrainingQuantile, factor: options.farFromTrainingFactor)
        if case let .posteriorMean(scale) = options.estimate {
            prior = try TrainingSetPrior(standardisedLabels: model.trainingLabels, count: n, labelCount: l,
                                         likelihoodScale: scale)
        } else {
            prior = nil
        }
    }

    private static func requireFinite(_ values: [Double], field: String) throws(InferenceError) {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw .invalidModel(field: field, index: i, value: values[i])
        }
    }

    /// Standardises a physical label vector (L entries).
    public func standardise(labels: [Double]) -> [Double] {
        labels.indices.map { labelScaler.forward(labels[$0], column: $0) }
    }

    /// `theta` (L standardised labels) clamped into the fit's bounds.
    func clamped(_ theta: [Double]) -> [Double] {
        theta.indices.map { min(max(theta[$0], boundMinimum[$0]), boundMaximum[$0]) }
    }

    /// Turns a standardised label vector (L entries) into physical units.
    public func physical(labels: [Double]) -> [Double] {
        labels.indices.map { labelScaler.inverse(labels[$0], column: $0) }
    }
}
