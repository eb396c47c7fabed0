/// Why a smoothing-spline fit failed. Cases carry the failing input so that a caller can record it.
public enum SmoothingSplineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `x`, `y` and `weights` do not have the same length.
    case lengthMismatch(x: Int, y: Int, weights: Int)
    /// Fewer than two points with positive weight and distinct abscissae: no line, let alone a spline.
    case tooFewPoints(count: Int)
    /// A point with positive weight has a non-finite abscissa, value or weight, or a negative weight.
    case invalidPoint(index: Int)
    /// A point with positive weight lies outside the spline's domain, Angstrom (or the caller's unit).
    case pointOutsideDomain(index: Int, x: Double)
    /// The domain, knot spacing or smoothing length is not a finite positive (non-negative for the
    /// smoothing length) number, or the domain is empty.
    case invalidParameter(name: String, value: Double)
    /// The penalised normal equations are not positive definite at basis function `basisIndex` (its
    /// support holds too few points for an unpenalised fit: use a positive smoothing length or wider knots).
    case singularSystem(basisIndex: Int)

    public var description: String {
        switch self {
        case let .lengthMismatch(x, y, w): "smoothing spline: lengths differ (x \(x), y \(y), weights \(w))"
        case let .tooFewPoints(count): "smoothing spline: \(count) usable points, need at least 2 distinct"
        case let .invalidPoint(index): "smoothing spline: point \(index) is not finite or has a negative weight"
        case let .pointOutsideDomain(index, x): "smoothing spline: point \(index) at x = \(x) is outside the domain"
        case let .invalidParameter(name, value): "smoothing spline: invalid \(name) = \(value)"
        case let .singularSystem(basisIndex): "smoothing spline: singular system at basis function \(basisIndex)"
        }
    }
}
