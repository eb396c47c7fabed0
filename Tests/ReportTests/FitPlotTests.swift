import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Report
import Testing

/// `FitPlot` from plain values: every part of the figure, standalone and inline, errors and flags. No server.
@Suite("FitPlot")
struct FitPlotTests {
    /// Twenty pixels of a spectrum, pixel 3 masked; labels with one calibrated and one formal-only error.
    static func data(flags: Int = 1024, flagNames: [String] = ["normalisation_fallback"], storedFit: Bool = true) -> FitPlotData {
        let p = 20
        let wavelength = (0..<p).map { 4000 + Double($0) * 2 }
        let flux = (0..<p).map { Float(1 - 0.3 * exp(-pow(Double($0) - 10, 2) / 4)) }
        var ivar = [Float](repeating: 400, count: p)
        ivar[3] = 0
        let model = flux.map { $0 + 0.01 }
        let residual = (0..<p).map { ivar[$0] > 0 ? flux[$0] - model[$0] : .nan }
        return FitPlotData(obsid: 37, modelID: 2, snrg: 84.3, labelNames: ["teff", "logg"], labels: [4650.4, 2.456],
                           formalErrors: [40, 0.05], calibratedErrors: [52.2, nil], flags: flags, flagNames: flagNames,
                           wavelength: wavelength, flux: flux, ivar: ivar, fit: FitSpectrum(modelFlux: model, residual: residual),
                           storedFit: storedFit)
    }

    static func isWellFormedXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func svgShowsSpectrumModelResidualsMaskedPixelsLabelsErrorsAndFlags() {
        let svg = FitPlot.svg(Self.data())
        #expect(Self.isWellFormedXML(svg))
        #expect(svg.hasPrefix("<?xml") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("obsid 37, model 2, S/N_g 84.3"))
        #expect(svg.contains("teff = 4650 ± 52 K") && svg.contains("logg = 2.456 ± 0.050 (formal)"))
        #expect(svg.contains("flags 1024: normalisation_fallback"))
        #expect(svg.contains("Normalised spectrum") && svg.contains("Residuals"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 >= 4)  // observed, model, noise band, residuals
        #expect(svg.contains("masked pixels (orange): 1"))
        #expect(svg.contains("fill=\"#ff7f0e\">\n<circle"))
        #expect(!svg.contains("(model spectrum recomputed)"))
    }

    @Test func inlineSVGHasNoPrologAndNoNamespace() {
        let inline = FitPlot.svg(Self.data(), standalone: false)
        #expect(inline.hasPrefix("<svg ") && Self.isWellFormedXML(inline))
        #expect(!inline.contains("http"))
    }

    @Test func recomputedFitsAndCleanFlagsAreSaid() {
        let svg = FitPlot.svg(Self.data(flags: 0, flagNames: [], storedFit: false))
        #expect(svg.contains("(model spectrum recomputed)"))
        #expect(svg.contains("flags: none"))
    }

    @Test func theSameDataDrawsTheSameBytes() {
        #expect(FitPlot.svg(Self.data()) == FitPlot.svg(Self.data()))
    }

    @Test func fitSpectrumLeavesZeroWeightPixelsOutOfTheResiduals() {
        let fit = FitSpectrum(model: [1, 0.5, 0.25], flux: [1.5, 0.5, 2][...], ivar: [1, 0, 4][...])
        #expect(fit.modelFlux == [1, 0.5, 0.25])
        #expect(fit.residual[0] == 0.5 && fit.residual[1].isNaN && fit.residual[2] == 1.75)
    }
}
