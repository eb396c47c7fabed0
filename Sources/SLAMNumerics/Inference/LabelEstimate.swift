/// Which estimate of a spectrum's labels is published (`PredictionOptions.estimate`).
public enum LabelEstimate: Sendable, Equatable, Hashable {
    /// The maximum-likelihood fit (Levenberg-Marquardt from the template first guess), as the paper.
    case maximumLikelihood
    /// The posterior mean under the training set's label density (`TrainingSetPrior`, Scott's bandwidth),
    /// with the fit's formal covariance scaled by `likelihoodScale`^2 as the likelihood's width. The
    /// maximum-likelihood fit is kept beside it (`LabelFit.labels`).
    case posteriorMean(likelihoodScale: Double)

    /// The text form stored with a prediction run: `ml` or `posterior_mean:S` (S without a trailing `.0`).
    public var name: String {
        switch self {
        case .maximumLikelihood: return "ml"
        case let .posteriorMean(s):
            let t = "\(s)"
            return "posterior_mean:" + (t.hasSuffix(".0") ? String(t.dropLast(2)) : t)
        }
    }

    /// Parses `name`'s form (`ml`, `posterior_mean:S` with S finite and positive); nil otherwise.
    public init?(name: String) {
        if name == "ml" { self = .maximumLikelihood; return }
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "posterior_mean", let s = Double(parts[1]), s.isFinite, s > 0 else { return nil }
        self = .posteriorMean(likelihoodScale: s)
    }
}
