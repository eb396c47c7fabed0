import Foundation

/// What `FitPlot` draws for one prediction: the preprocessed (normalised) spectrum, the best-fit model,
/// the residuals, the masked pixels, and the labels with their errors and flags.
public struct FitPlotData: Sendable, Equatable {
    /// LAMOST obsid of the spectrum.
    public var obsid: Int64
    /// The model whose prediction is drawn.
    public var modelID: Int
    /// S/N_g of the spectrum, when known.
    public var snrg: Double?
    /// Label names, L entries.
    public var labelNames: [String]
    /// Predicted labels (K, dex), L entries.
    public var labels: [Double]
    /// Formal 1-sigma errors, label units, L entries.
    public var formalErrors: [Double]
    /// Calibrated 1-sigma errors, label units (nil where there is none; empty when not calibrated).
    public var calibratedErrors: [Double?]
    /// `prediction.flags`.
    public var flags: Int
    /// Names of the set bits of `flags` (from `flag_bits`), in bit order.
    public var flagNames: [String]
    /// Model-grid wavelengths, Angstrom (rest frame), P entries.
    public var wavelength: [Double]
    /// Normalised flux (dimensionless), P entries.
    public var flux: [Float]
    /// Its inverse variance, P entries; 0 marks a bad or masked pixel.
    public var ivar: [Float]
    /// The model spectrum and observed - model residuals, P entries each.
    public var fit: FitSpectrum
    /// Whether the model spectrum was read from `prediction_spectrum` (false: recomputed from the model).
    public var storedFit: Bool

    /// The data of one figure (see the properties for shapes and units).
    public init(obsid: Int64, modelID: Int, snrg: Double?, labelNames: [String], labels: [Double], formalErrors: [Double],
                calibratedErrors: [Double?], flags: Int, flagNames: [String], wavelength: [Double], flux: [Float],
                ivar: [Float], fit: FitSpectrum, storedFit: Bool) {
        self.obsid = obsid
        self.modelID = modelID
        self.snrg = snrg
        self.labelNames = labelNames
        self.labels = labels
        self.formalErrors = formalErrors
        self.calibratedErrors = calibratedErrors
        self.flags = flags
        self.flagNames = flagNames
        self.wavelength = wavelength
        self.flux = flux
        self.ivar = ivar
        self.fit = fit
        self.storedFit = storedFit
    }

    /// `teff = 4650 ± 52 K` style text per label: the calibrated error when there is one (formal otherwise,
    /// marked "formal").
    public var labelText: [String] {
        labelNames.indices.map { j in
            let isTeff = labelNames[j] == "teff"
            let digits = isTeff ? "%.0f" : "%.3f"
            let value = String(format: digits, labels[j])
            let error: String
            if j < calibratedErrors.count, let c = calibratedErrors[j], c.isFinite {
                error = String(format: digits, c)
            } else {
                error = String(format: digits, formalErrors[j]) + " (formal)"
            }
            return "\(labelNames[j]) = \(value) ± \(error)\(isTeff ? " K" : "")"
        }
    }
}
