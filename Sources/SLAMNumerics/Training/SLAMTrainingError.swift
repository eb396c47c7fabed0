/// Why a SLAM model could not be trained: each case names the failing input.
public enum SLAMTrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The training set has no stars.
    case noTrainingStars
    /// SVR needs at least `minimum` stars (one star gives no spread to standardise or regress on).
    case tooFewTrainingStars(count: Int, minimum: Int)
    /// The set has no labels or no pixels.
    case emptyDimension(what: String)
    /// An array does not have the length the others imply (`what` names it).
    case shapeMismatch(what: String, expected: Int, actual: Int)
    /// A label value is NaN or infinite (the star should have been rejected before training).
    case nonFiniteLabel(star: Int, label: String, value: Double)
    /// A label has the same value for every training star, so it cannot be standardised or learnt.
    case constantLabel(name: String, value: Double)
    /// A hyperparameter is out of range (C and gamma must be positive, epsilon non-negative, all finite).
    case invalidHyperparameter(name: String, value: Double)
    /// The grid or fold count cannot be used (`reason` says why).
    case invalidGrid(reason: String)
    /// The stopping tolerance must be positive and finite.
    case invalidTolerance(Double)
    /// `SLAMTrainingData.starWeights[star]` is negative or not finite.
    case invalidStarWeight(star: Int, value: Double)

    public var description: String {
        switch self {
        case .noTrainingStars: return "SLAM training set has no stars"
        case let .tooFewTrainingStars(count, minimum):
            return "SLAM training set has \(count) star(s); at least \(minimum) are needed"
        case let .emptyDimension(what): return "SLAM training set has no \(what)"
        case let .shapeMismatch(what, expected, actual):
            return "SLAM training input \(what) has \(actual) entries, expected \(expected)"
        case let .nonFiniteLabel(star, label, value):
            return "SLAM training label \(label) of star \(star) is not finite (\(value))"
        case let .constantLabel(name, value):
            return "SLAM training label \(name) is constant (\(value)) over the training set and cannot be standardised"
        case let .invalidHyperparameter(name, value): return "SLAM hyperparameter \(name) = \(value) is out of range"
        case let .invalidGrid(reason): return "SLAM hyperparameter grid is unusable: \(reason)"
        case let .invalidStarWeight(star, value): return "SLAM training star \(star) has an invalid weight \(value) (finite, >= 0 required)"
        case let .invalidTolerance(value): return "SLAM SVR stopping tolerance \(value) must be positive and finite"
        }
    }
}
