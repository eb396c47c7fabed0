/// Why a spectrum could not be preprocessed. Every case is a rejection reason the caller records with
/// the spectrum (`description` is a one-line reason); none is a programmer error.
public enum PreprocessingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `wavelength`, `flux`, `ivar` (and `badMask`, when given) differ in length.
    case lengthMismatch(wavelength: Int, flux: Int, ivar: Int, badMask: Int?)
    /// The redshift is the LAMOST sentinel -9999, not finite, or <= -1 (no rest frame).
    case invalidRedshift(Double)
    /// A wavelength is not finite or not positive (Angstrom).
    case invalidWavelength(index: Int, value: Double)
    /// `wavelength[index]` is not greater than `wavelength[index - 1]`.
    case wavelengthNotMonotonic(index: Int)
    /// Fewer good pixels (finite flux, finite ivar > 0, not masked) than `required` in the range used
    /// for the continuum (model grid plus margin, rest frame).
    case tooFewGoodPixels(count: Int, required: Int)
    /// More than `limit` bad pixels on the model grid (bad input pixels, or grid outside the observed range).
    case tooManyBadPixels(count: Int, limit: Int)
    /// Fewer continuum points than `required` survived the selection between the spline passes. Not
    /// thrown since algorithm version 2 (the first pass is used and the spectrum flagged instead); kept
    /// so that stored rejection codes stay meaningful.
    case tooFewContinuumPixels(count: Int, required: Int)
    /// The smoothing-spline fit of continuum pass `pass` failed (since algorithm version 2 only pass 1
    /// throws; a later failure falls back to pass 1).
    case continuumFitFailed(pass: Int, SmoothingSplineError)
    /// The pseudo-continuum is zero, negative or non-finite at this grid wavelength (Angstrom, rest frame).
    case continuumNotPositive(wavelength: Double)
    /// A preprocessing setting is out of its range (see `PreprocessingSettings`).
    case invalidSetting(name: String, value: Double)

    public var description: String {
        switch self {
        case let .lengthMismatch(w, f, i, m):
            "array lengths differ: wavelength \(w), flux \(f), ivar \(i), bad mask \(m.map(String.init) ?? "none")"
        case let .invalidRedshift(z): "invalid redshift \(z) (sentinel, non-finite or <= -1)"
        case let .invalidWavelength(index, value): "invalid wavelength \(value) A at pixel \(index)"
        case let .wavelengthNotMonotonic(index): "wavelength not increasing at pixel \(index)"
        case let .tooFewGoodPixels(count, required): "too few good pixels: \(count) < \(required)"
        case let .tooManyBadPixels(count, limit): "too many bad pixels on the model grid: \(count) > \(limit)"
        case let .tooFewContinuumPixels(count, required): "too few continuum points: \(count) < \(required)"
        case let .continuumFitFailed(pass, error): "continuum pass \(pass) failed: \(error)"
        case let .continuumNotPositive(wavelength): "continuum not positive at \(wavelength) A"
        case let .invalidSetting(name, value): "invalid preprocessing setting \(name) = \(value)"
        }
    }
}
