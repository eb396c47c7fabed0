/// Why an epsilon-SVR problem could not be solved: each case names the failing input.
public enum SVRError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An array does not have the length the kernel implies (`what` names the argument).
    case shapeMismatch(what: String, expected: Int, actual: Int)
    /// A hyperparameter is out of range: C must be positive and finite, epsilon non-negative and finite.
    case invalidHyperparameter(name: String, value: Double)
    /// A target of positive weight is NaN or infinite.
    case nonFiniteTarget(index: Int, value: Double)
    /// A weight is negative or not finite.
    case invalidWeight(index: Int, value: Double)
    /// The stopping tolerance must be positive and finite.
    case invalidTolerance(Double)

    public var description: String {
        switch self {
        case let .shapeMismatch(what, expected, actual):
            return "SVR input \(what) has \(actual) entries, expected \(expected)"
        case let .invalidHyperparameter(name, value):
            return "SVR hyperparameter \(name) = \(value) is out of range"
        case let .nonFiniteTarget(index, value):
            return "SVR target \(index) is not finite (\(value))"
        case let .invalidWeight(index, value):
            return "SVR sample weight \(index) = \(value) is negative or not finite"
        case let .invalidTolerance(value):
            return "SVR stopping tolerance \(value) must be positive and finite"
        }
    }
}
