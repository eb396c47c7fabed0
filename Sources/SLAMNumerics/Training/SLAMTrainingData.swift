/// A SLAM training set: N stars with L known labels and P pixels of normalised flux on a common wavelength
/// grid (Zhang, Liu & Deng 2020, sect. 2-3).
///
/// Shapes: `labels` N x L row-major (physical units: K, dex); `flux` and `ivar` N x P row-major (normalised
/// flux and its inverse variance); `wavelength` P entries, Angstrom. A pixel whose ivar is 0, negative or
/// not finite, or whose flux is not finite, is a bad pixel of that star: it gets sample weight 0 for that
/// pixel's SVR (it is left out of that pixel's training and cross-validation, never propagated as NaN).
/// Shapes are checked by `SLAMTrainer.train`, which throws `SLAMTrainingError.shapeMismatch`.
public struct SLAMTrainingData: Sendable, Equatable {
    /// Physical labels, N x L row-major.
    public var labels: [Double]
    /// Label names in column order, L entries (e.g. `["teff", "logg", "m_h"]`).
    public var labelNames: [String]
    /// Normalised flux, N x P row-major.
    public var flux: [Float]
    /// Inverse variance of the normalised flux, N x P row-major; 0 marks a bad pixel.
    public var ivar: [Float]
    /// Rest-frame wavelength of each pixel, Angstrom, P entries.
    public var wavelength: [Double]

    /// Per-star training weights, N entries (finite, >= 0), or nil for 1 each. A star's weight multiplies
    /// its 0/1 pixel weights, so it scales the SVR box constraint C of that star (`caps = C * w`):
    /// e.g. `TrainingDensityWeights` up-weights stars in sparse regions of label space. Checked by
    /// `SLAMTrainer.train` (`.shapeMismatch`, `.invalidStarWeight`).
    public var starWeights: [Double]?

    public init(labels: [Double], labelNames: [String], flux: [Float], ivar: [Float], wavelength: [Double],
                starWeights: [Double]? = nil) {
        self.labels = labels
        self.labelNames = labelNames
        self.flux = flux
        self.ivar = ivar
        self.wavelength = wavelength
        self.starWeights = starWeights
    }

    /// Number of labels, L.
    public var labelCount: Int { labelNames.count }
    /// Number of pixels, P.
    public var pixelCount: Int { wavelength.count }
    /// Number of stars, N (from the label matrix).
    public var starCount: Int { labelNames.isEmpty ? 0 : labels.count / labelNames.count }

    /// The 0/1 sample weight of star `star` at pixel `pixel`: 1 when flux is finite and ivar positive and
    /// finite (the per-star `starWeights` are applied on top of it by the trainer).
    @inlinable public func weight(star: Int, pixel: Int) -> Double {
        let k = star * wavelength.count + pixel
        let f = flux[k], iv = ivar[k]
        return f.isFinite && iv.isFinite && iv > 0 ? 1 : 0
    }
}
