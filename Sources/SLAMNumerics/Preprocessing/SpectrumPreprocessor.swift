/// A stage of `SpectrumPreprocessor.preprocess`, reported to an optional observer when it ends
/// (benchmarks use it to time the stages).
public enum PreprocessingStage: Sendable, CaseIterable {
    /// Input checks, rest-frame shift and good-pixel selection.
    case validation
    /// Linear interpolation of flux and ivar onto the model grid; bad-pixel count.
    case resampling
    /// First smoothing-spline fit through all good pixels.
    case continuumPass1
    /// Continuum-point selection per wavelength bin (after every fit but the last).
    case selection
    /// Smoothing-spline fit through the continuum points (the pseudo-continuum).
    case continuumPass2
    /// Division by the continuum on the grid, conversion to Float.
    case normalisation
}

/// SLAM preprocessing of one spectrum (Zhang, Liu & Deng 2020, sect. 2): rest-frame shift,
/// two-pass smoothing-spline pseudo-continuum, linear resampling onto the model grid with inverse
/// variances carried through, bad-pixel masking, and rejection of spectra with too many bad grid pixels.
/// A value type without shared state: use one per thread or share it freely (it is `Sendable`).
///
/// Unlike the reference code, bad input never yields NaN: every failure throws a `PreprocessingError`
/// naming the reason, and no pixel is dropped by an absolute ivar threshold (a pixel is bad only when
/// its flux or ivar is non-finite, its ivar <= 0 or it is masked, or its normalised flux lies outside the
/// mask policy's bounds). When the continuum-point selection or the second spline pass fails, the first
/// pass is used and the spectrum is flagged (`PreprocessingFlags.normalisationFallback`) rather than rejected.
public struct SpectrumPreprocessor: Sendable {
    /// The settings in use.
    public let settings: PreprocessingSettings
    /// Model-grid wavelengths, Angstrom (rest frame, vacuum), `settings.gridCount` entries.
    public let gridWavelengths: [Double]
    /// `settings.version`, stored with every result.
    public let version: String

    /// - Throws: `PreprocessingError.invalidSetting` when a setting is out of range.
    public init(settings: PreprocessingSettings = PreprocessingSettings()) throws(PreprocessingError) {
        try settings.validate()
        self.settings = settings
        self.gridWavelengths = settings.gridWavelengths
        self.version = settings.version
    }

    /// Preprocesses one spectrum.
    /// - Parameters:
    ///   - wavelength: observed vacuum wavelengths, Angstrom, strictly increasing (any length, e.g. the
    ///     3748-3909 LAMOST pixels, log-linear or not).
    ///   - flux: flux, same length, any unit (negative values allowed).
    ///   - ivar: inverse variance of `flux`, same length, 1 / flux unit^2.
    ///   - badMask: `true` marks a masked pixel, used as given (no dilation; the LAMOST entry point
    ///     `preprocess(wavelength:flux:ivar:andMask:orMask:redshift:)` builds it from the mask policy);
    ///     masked pixels count towards `PreprocessedSpectrum.maskedPixelCount`. `nil` for none.
    ///   - redshift: z; the rest frame is `wavelength / (1 + z)`.
    ///   - stageObserver: called at the end of each stage (for benchmarks); `nil` normally.
    /// - Returns: normalised flux and ivar, continuum, bad-pixel count on the grid.
    /// - Throws: `PreprocessingError` for a rejection: mismatched lengths, invalid redshift (-9999,
    ///   non-finite, <= -1) or wavelengths, too few good pixels, too many bad grid pixels, too few
    ///   continuum points, a failed spline fit, or a continuum <= 0 on the grid.
    public func preprocess(
        wavelength: [Double], flux: [Float], ivar: [Float], badMask: [Bool]?, redshift: Double,
        stageObserver: ((PreprocessingStage) -> Void)? = nil
    ) throws(PreprocessingError) -> PreprocessedSpectrum {
        let n = wavelength.count
        guard flux.count == n, ivar.count == n, (badMask?.count ?? n) == n else {
            throw .lengthMismatch(wavelength: n, flux: flux.count, ivar: ivar.count, badMask: badMask?.count)
        }
        guard redshift.isFinite, redshift != -9999, redshift > -1 else { throw .invalidRedshift(redshift) }
        for i in 0..<n {
            let w = wavelength[i]
            guard w.isFinite, w > 0 else { throw .invalidWavelength(index: i, value: w) }
            if i > 0, !(w > wavelength[i - 1]) { throw .wavelengthNotMonotonic(index: i) }
        }
        guard n >= 2 else { throw .tooFewGoodPixels(count: 0, required: settings.minimumGoodPixels) }
        // Observed pixels lo ... hi cover the grid plus margin (rest frame), plus one pixel each side.
        let shift = 1 + redshift
        let lowEdge = (settings.gridStart - settings.continuumMargin) * shift
        let highEdge = (settings.gridEnd + settings.continuumMargin) * shift
        let lo = max(0, Self.firstIndex(in: wavelength) { $0 > lowEdge } - 1)
        let hi = min(n - 1, Self.firstIndex(in: wavelength) { $0 >= highEdge })
        guard hi > lo else { throw .tooFewGoodPixels(count: 0, required: settings.minimumGoodPixels) }
        return try run(
            wavelength: wavelength, flux: flux, ivar: ivar, badMask: badMask, range: lo...hi, shift: shift,
            observer: stageObserver)
    }

    /// Preprocesses one LAMOST spectrum with the settings' mask policy: pixels whose and-mask or or-mask
    /// has one of `settings.maskPolicy`'s bits are masked, with `dilation` neighbours each side; then as
    /// `preprocess(wavelength:flux:ivar:badMask:redshift:)`.
    /// - Parameters:
    ///   - andMask: LAMOST and-mask per pixel (integer bits), same length as `wavelength`; `nil` for none.
    ///   - orMask: LAMOST or-mask per pixel, same length; `nil` for none.
    /// - Throws: as the other entry point; `.lengthMismatch` (the mask's length as `badMask`) when a mask
    ///   differs in length.
    public func preprocess(
        wavelength: [Double], flux: [Float], ivar: [Float], andMask: [Int32]?, orMask: [Int32]?, redshift: Double,
        stageObserver: ((PreprocessingStage) -> Void)? = nil
    ) throws(PreprocessingError) -> PreprocessedSpectrum {
        let n = wavelength.count
        for mask in [andMask, orMask] where (mask?.count ?? n) != n {
            throw .lengthMismatch(wavelength: n, flux: flux.count, ivar: ivar.count, badMask: mask?.count)
        }
        let masked = settings.maskPolicy.maskedPixels(andMask: andMask, orMask: orMask, count: n)
        return try preprocess(wavelength: wavelength, flux: flux, ivar: ivar, badMask: masked, redshift: redshift,
                              stageObserver: stageObserver)
    }

    /// Index of the first element satisfying a predicate that is false then true along the array; `count`
    /// when none does.
    static func firstIndex(in values: [Double], where predicate: (Double) -> Bool) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if predicate(values[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
