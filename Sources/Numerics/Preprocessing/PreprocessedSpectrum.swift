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
    /// Number of bad grid pixels (ivar 0), at most `PreprocessingSettings.maximumBadPixels`.
    public var badPixelCount: Int
    /// Number of continuum points the second spline pass went through.
    public var continuumPixelCount: Int
    /// `PreprocessingSettings.version` of the settings used: store it with every result.
    public var version: String

    public init(
        flux: [Float], ivar: [Float], continuum: [Float], badPixelCount: Int, continuumPixelCount: Int,
        version: String
    ) {
        self.flux = flux
        self.ivar = ivar
        self.continuum = continuum
        self.badPixelCount = badPixelCount
        self.continuumPixelCount = continuumPixelCount
        self.version = version
    }
}
