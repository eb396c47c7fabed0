/// Per-spectrum preprocessing warnings, in the bits of `prediction.flags` after the label-fit flags
/// (`LabelFitFlags` uses bits 0-9): the prediction of a spectrum carries its preprocessing's flags,
/// OR-ed in by the pipeline. Stable values: stored in catalogues and described in `flag_bits`.
public struct PreprocessingFlags: OptionSet, Sendable, Hashable, Codable {
    /// The flag bits.
    public let rawValue: UInt32
    /// Flags from their bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Bit 10: the continuum-point selection (the paper's second spline pass) failed (too few continuum
    /// points, or a fit or continuum that was not usable), so the spectrum was normalised by the first
    /// pass through all good pixels, which line blanketing pulls down by a few per cent.
    public static let normalisationFallback = PreprocessingFlags(rawValue: 1 << 10)
    /// Bit 11: more than `LamostMaskPolicy.manyMaskedFraction` of the grid pixels were zero-weighted by
    /// the mask policy (mask bits, dilation, normalised-flux bounds).
    public static let manyMaskedPixels = PreprocessingFlags(rawValue: 1 << 11)
}
