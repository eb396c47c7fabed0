import SLAMNumerics

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
