/// A spectrum after SLAM preprocessing: rest frame, continuum-normalised, on the model grid
/// (`PreprocessingSettings.gridWavelengths`). Arrays have one entry per grid pixel and never contain
/// NaN or Inf: a bad grid pixel has flux 1 and ivar 0.
public struct PreprocessedSpectrum: Sendable, Equatable {
    /// Normalised flux (flux / pseudo-continuum), dimensionless; 1 at bad pixels.
    public var flux: [Float]
    /// Inverse variance of the normalised flux (input ivar * continuum^2, carried through the
    /// interpolation); 0 at bad pixels.
    public var ivar: [Float]
    /// The pseudo-continuum on the grid, in the input flux unit (for plots); defined at every grid pixel.
    public var continuum: [Float]
    /// Number of bad grid pixels (ivar 0): at most `PreprocessingSettings.maximumBadPixels` before the
    /// normalised-flux bounds, plus the pixels those bounds removed.
    public var badPixelCount: Int
    /// Grid pixels zero-weighted by the mask policy (mask bits with dilation, normalised-flux bounds),
    /// whatever their inverse variance, but not those bad for another reason (outside the observed range,
    /// unmasked pixels with ivar 0); included in `badPixelCount`.
    public var maskedPixelCount: Int
    /// True when the continuum is the first spline pass through all good pixels because the
    /// continuum-point selection or the second pass failed (see `PreprocessingFlags.normalisationFallback`).
    public var normalisationFallback: Bool
    /// The warnings to carry into the spectrum's predictions (bits 10 and 11 of `prediction.flags`).
    public var flags: PreprocessingFlags
    /// Number of continuum points the second spline pass went through.
    public var continuumPixelCount: Int
    /// `PreprocessingSettings.version` of the settings used: store it with every result.
    public var version: String

    /// A preprocessed spectrum; the mask count, fallback and flags default to none.
    public init(
        flux: [Float], ivar: [Float], continuum: [Float], badPixelCount: Int, continuumPixelCount: Int,
        version: String, maskedPixelCount: Int = 0, normalisationFallback: Bool = false, flags: PreprocessingFlags = []
    ) {
        self.maskedPixelCount = maskedPixelCount
        self.normalisationFallback = normalisationFallback
        self.flags = flags
        self.flux = flux
        self.ivar = ivar
        self.continuum = continuum
        self.badPixelCount = badPixelCount
        self.continuumPixelCount = continuumPixelCount
        self.version = version
    }
}
