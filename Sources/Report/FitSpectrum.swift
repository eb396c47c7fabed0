import Foundation

/// The best-fit model spectrum of a prediction and its residuals, on the model grid: what `slam show`
/// draws and `prediction_spectrum` stores.
public struct FitSpectrum: Sendable, Equatable {
    /// Model spectrum at the predicted labels, normalised flux (dimensionless), P entries.
    public var modelFlux: [Float]
    /// Observed minus model normalised flux, P entries; NaN where the pixel had zero weight.
    public var residual: [Float]

    /// A fit spectrum from its two arrays (P entries each).
    public init(modelFlux: [Float], residual: [Float]) {
        self.modelFlux = modelFlux
        self.residual = residual
    }

    /// The fit spectrum of one observed spectrum from its model spectrum (all P entries).
    public init(model: [Double], flux: ArraySlice<Float>, ivar: ArraySlice<Float>) {
        precondition(model.count == flux.count && flux.count == ivar.count, "lengths differ")
        modelFlux = model.map(Float.init)
        residual = zip(zip(flux, ivar), model).map { observed, m in observed.1 > 0 ? observed.0 - Float(m) : .nan }
    }
}
