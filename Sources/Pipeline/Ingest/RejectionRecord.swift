import Formats
import Numerics

/// One refused input, as written to the `rejection` table.
public struct RejectionRecord: Sendable, Equatable {
    /// Where it was refused: `ingest_lamost`, `preprocess`, `ingest_apogee`, ...
    public var stage: String
    /// The input: a file path, or `file#row`.
    public var source: String
    /// The object when known (obsid, APOGEE_ID).
    public var object: String?
    /// Machine-readable reason (`truncated`, `too_many_bad_pixels`, ...).
    public var code: String
    /// Human-readable reason with the failing values.
    public var reason: String

    public init(stage: String, source: String, object: String? = nil, code: String, reason: String) {
        self.stage = stage
        self.source = source
        self.object = object
        self.code = code
        self.reason = reason
    }
}

extension PreprocessingError {
    /// A short stable code for the rejection table.
    public var code: String {
        switch self {
        case .lengthMismatch: "length_mismatch"
        case .invalidRedshift: "invalid_redshift"
        case .invalidWavelength: "invalid_wavelength"
        case .wavelengthNotMonotonic: "non_monotonic_wavelength"
        case .tooFewGoodPixels: "too_few_good_pixels"
        case .tooManyBadPixels: "too_many_bad_pixels"
        case .tooFewContinuumPixels: "too_few_continuum_pixels"
        case .continuumFitFailed: "continuum_fit_failed"
        case .continuumNotPositive: "continuum_not_positive"
        case .invalidSetting: "invalid_setting"
        }
    }
}
