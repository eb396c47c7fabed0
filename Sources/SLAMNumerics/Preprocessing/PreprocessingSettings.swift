/// Every setting of SLAM preprocessing (Zhang, Liu & Deng 2020, sect. 2), with the paper's defaults.
/// Wavelengths are rest-frame vacuum Angstrom. `version` renders all of them, with the algorithm
/// version, into the string stored with every result.
public struct PreprocessingSettings: Sendable, Equatable, Hashable, Codable {
    /// Algorithm version: bump it whenever the algorithm changes in a way that changes output
    /// (2: mask policy, normalised-flux bounds and the first-pass normalisation fallback).
    public static let algorithmVersion = 2

    /// First model-grid wavelength, Angstrom (paper: 3900).
    public var gridStart: Double = 3900
    /// Last model-grid wavelength, Angstrom (paper: 5800).
    public var gridEnd: Double = 5800
    /// Model-grid step, Angstrom (paper: 1, giving 1901 pixels).
    public var gridStep: Double = 1
    /// The continuum is fitted on the observed pixels within `[gridStart - margin, gridEnd + margin]`
    /// (rest frame; plus one pixel each side), so the grid's edges are interior to the fit. Angstrom.
    public var continuumMargin: Double = 200
    /// Smoothing length L of both spline passes, Angstrom (see `SmoothingSpline`: a sinusoid of period
    /// 2 pi L is damped by half). 50 A lets the pseudo-continuum follow flux-calibration wiggles of a few
    /// hundred Angstrom but not lines.
    public var smoothingLength: Double = 50
    /// Spline knot spacing, Angstrom (well below the smoothing length, so it barely matters).
    public var knotSpacing: Double = 10
    /// Width of the continuum-point selection bins, Angstrom (paper: about 100).
    public var binWidth: Double = 100
    /// Percentile (0 ... 1) of a bin's residuals around which continuum points are kept. An upper
    /// percentile offsets the first pass being pulled down by lines, at the price of a small upward
    /// bias from noise (about +0.1 to +0.5 sigma of the per-pixel noise at S/N 20-100 on line-crowded
    /// synthetic spectra, which `noiseCorrectedLevel` takes out); 0.7 balances the two there.
    public var continuumPercentile: Double = 0.7
    /// Continuum points lie within this many (unscaled) median absolute deviations of the percentile
    /// (the reference code's default of 1, about 0.67 sigma for Gaussian noise; wider windows let line
    /// wings in and pull the continuum down in crowded regions).
    public var madMultiple: Double = 1
    /// Lowers each bin's percentile level by what the spectrum's own noise adds to it (from its inverse
    /// variance; `ContinuumPointSelection`), so that a noisy spectrum's pseudo-continuum sits where the
    /// same spectrum's would without noise (issue 20: at S/N_g 10 the plain percentile puts it about 2%
    /// high, and every line looks deeper than in the bright training spectra). Off in the paper.
    public var noiseCorrectedLevel = true
    /// Number of select-and-refit rounds after the first pass (paper: 1, two spline passes in all).
    public var selectionIterations: Int = 1
    /// Minimum number of good pixels in the continuum range; fewer is a rejection.
    public var minimumGoodPixels: Int = 100
    /// Minimum number of continuum points for the second pass; fewer is a rejection.
    public var minimumContinuumPixels: Int = 50
    /// A spectrum with more bad pixels than this on the model grid is rejected (paper: 50).
    public var maximumBadPixels: Int = 50
    /// Which pixels are masked (LAMOST mask bits, dilation, normalised-flux bounds) and when a spectrum
    /// counts as heavily masked. Pixels zero-weighted by the flux bounds do not count towards
    /// `maximumBadPixels` (they are flagged instead, see `PreprocessingFlags.manyMaskedPixels`).
    public var maskPolicy = LamostMaskPolicy()

    /// The paper's defaults.
    public init() {}

    /// Number of model-grid pixels: `round((gridEnd - gridStart) / gridStep) + 1` (1901 by default).
    public var gridCount: Int { Int(((gridEnd - gridStart) / gridStep).rounded()) + 1 }

    /// The model-grid wavelengths, `gridStart + i * gridStep`, Angstrom (rest frame, vacuum).
    public var gridWavelengths: [Double] { (0..<gridCount).map { gridStart + Double($0) * gridStep } }

    /// The preprocessing version stored with every result: `slam-pp/<algorithm> key=value ...` over all
    /// settings in a fixed order, numbers in their shortest round-trip form (integers without ".0").
    /// Equal settings give equal strings; changing any setting or the algorithm version changes it.
    public var version: String {
        let fields: [(String, String)] = [
            ("grid", "\(Self.render(gridStart)):\(Self.render(gridEnd)):\(Self.render(gridStep))"),
            ("margin", Self.render(continuumMargin)),
            ("smooth", Self.render(smoothingLength)),
            ("knots", Self.render(knotSpacing)),
            ("bin", Self.render(binWidth)),
            ("q", Self.render(continuumPercentile)),
            ("mad", Self.render(madMultiple)),
        ] + (noiseCorrectedLevel ? [("noise", "1")] : []) + [
            ("iter", String(selectionIterations)),
            ("mingood", String(minimumGoodPixels)),
            ("mincont", String(minimumContinuumPixels)),
            ("maxbad", String(maximumBadPixels)),
        ] + maskPolicy.versionFields(render: Self.render)
        return "slam-pp/\(Self.algorithmVersion) " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    private static func render(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Checks every setting's range.
    /// - Throws: `PreprocessingError.invalidSetting` naming the first bad one.
    public func validate() throws(PreprocessingError) {
        func check(_ ok: Bool, _ name: String, _ value: Double) throws(PreprocessingError) {
            if !ok { throw .invalidSetting(name: name, value: value) }
        }
        try check(gridStart.isFinite && gridStart > 0, "gridStart", gridStart)
        try check(gridEnd.isFinite && gridEnd > gridStart, "gridEnd", gridEnd)
        try check(gridStep.isFinite && gridStep > 0 && (gridEnd - gridStart) / gridStep < 1e7, "gridStep", gridStep)
        try check(continuumMargin.isFinite && continuumMargin >= 0, "continuumMargin", continuumMargin)
        try check(smoothingLength.isFinite && smoothingLength >= 0, "smoothingLength", smoothingLength)
        try check(knotSpacing.isFinite && knotSpacing > 0, "knotSpacing", knotSpacing)
        try check(binWidth.isFinite && binWidth > 0, "binWidth", binWidth)
        try check(continuumPercentile >= 0 && continuumPercentile <= 1, "continuumPercentile", continuumPercentile)
        try check(madMultiple.isFinite && madMultiple > 0, "madMultiple", madMultiple)
        try check(selectionIterations >= 1, "selectionIterations", Double(selectionIterations))
        try check(minimumGoodPixels >= 2, "minimumGoodPixels", Double(minimumGoodPixels))
        try check(minimumContinuumPixels >= 2, "minimumContinuumPixels", Double(minimumContinuumPixels))
        try check(maximumBadPixels >= 0, "maximumBadPixels", Double(maximumBadPixels))
        try maskPolicy.validate()
    }
}
