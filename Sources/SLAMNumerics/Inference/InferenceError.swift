/// Why SLAM label inference (template matching, model evaluation, the Levenberg-Marquardt fit, or
/// precision statistics) could not run. Cases carry the failing input so that a caller can turn them
/// into a rejection row with a readable reason.
public enum InferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model has no training stars, no labels or no pixels (`N`, `L`, `P` as found).
    case emptyModel(trainingStars: Int, labels: Int, pixels: Int)
    /// The model holds a value that cannot be evaluated: `field` names the array (e.g. `"coefficients"`,
    /// `"hyperparameters.gamma"`, `"crossValidatedMSE"`), `index` the first offending entry.
    case invalidModel(field: String, index: Int, value: Double)
    /// An array has the wrong number of entries: `name` is the argument, e.g. `"flux"`.
    case wrongLength(name: String, expected: Int, actual: Int)
    /// A count or size argument is out of range (e.g. a negative spectrum count, `k` = 0).
    case invalidArgument(name: String, value: Int)
    /// Every pixel of spectrum `spectrum` (0-based index in the batch) is bad: non-finite flux, or
    /// inverse variance that is non-finite or <= 0.
    case allPixelsBad(spectrum: Int)
    /// Spectrum `spectrum` has `good` usable pixels, fewer than the `required` minimum for a fit.
    case tooFewPixels(spectrum: Int, good: Int, required: Int)
    /// A label vector given as input (a start, or labels to evaluate) has a non-finite entry.
    case nonFiniteLabels(name: String, index: Int)
    /// The template library does not match the model: `what` is `"pixels"` or `"labels"`.
    case templateMismatch(what: String, library: Int, model: Int)
    /// The template library holds no templates (after removing those without any good pixel).
    case emptyTemplateLibrary
    /// Template `template` has a non-finite label (`label` is the column).
    case nonFiniteTemplateLabel(template: Int, label: Int)
    /// No template shares a good pixel with spectrum `spectrum`, so no first guess exists.
    case noTemplateOverlap(spectrum: Int)
    /// MINPACK `lmder` reported improper input parameters (info 0) for spectrum `spectrum`.
    case minpackImproperInput(spectrum: Int)
    /// The model or its Jacobian evaluated to a non-finite value at the labels `labels` (standardised).
    case nonFiniteModel(spectrum: Int, labels: [Double])
    /// A real-valued option is out of range (e.g. a non-positive loss scale); `name` names it.
    case invalidOption(name: String, value: Double)
    /// Posterior sampling: the ensemble sampler was given bad settings (`reason` says which).
    case invalidSampler(reason: String)
    /// Precision statistics: S/N bin edges must be finite and strictly increasing, at least two.
    case invalidBinEdges([Double])

    /// A readable reason naming the failing input.
    public var description: String {
        switch self {
        case let .emptyModel(n, l, p):
            return "SLAM model is empty: \(n) training stars, \(l) labels, \(p) pixels"
        case let .invalidModel(field, index, value):
            return "SLAM model has an invalid value in \(field)[\(index)]: \(value)"
        case let .wrongLength(name, expected, actual):
            return "\(name) has \(actual) entries, expected \(expected)"
        case let .invalidArgument(name, value):
            return "argument \(name) = \(value) is out of range"
        case let .allPixelsBad(spectrum):
            return "spectrum \(spectrum): every pixel is bad (non-finite flux or ivar <= 0)"
        case let .tooFewPixels(spectrum, good, required):
            return "spectrum \(spectrum): \(good) good pixels, at least \(required) required"
        case let .nonFiniteLabels(name, index):
            return "\(name) has a non-finite label at index \(index)"
        case let .templateMismatch(what, library, model):
            return "template library has \(library) \(what), the model \(model)"
        case .emptyTemplateLibrary:
            return "template library holds no usable template"
        case let .nonFiniteTemplateLabel(template, label):
            return "template \(template) has a non-finite label in column \(label)"
        case let .noTemplateOverlap(spectrum):
            return "spectrum \(spectrum): no template shares a good pixel with it"
        case let .minpackImproperInput(spectrum):
            return "spectrum \(spectrum): MINPACK lmder rejected its input parameters (info 0)"
        case let .nonFiniteModel(spectrum, labels):
            return "spectrum \(spectrum): model spectrum is non-finite at standardised labels \(labels)"
        case let .invalidOption(name, value):
            return "option \(name) = \(value) is out of range"
        case let .invalidSampler(reason):
            return "posterior sampler: \(reason)"
        case let .invalidBinEdges(edges):
            return "S/N bin edges must be finite and strictly increasing (at least two): \(edges)"
        }
    }
}
