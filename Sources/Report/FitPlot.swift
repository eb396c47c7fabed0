import Foundation

/// Draws one prediction's fit: a header with obsid, model, S/N, the labels with calibrated errors and
/// the flags; a panel with the observed normalised spectrum (black), the model (red) and the masked or
/// bad pixels (orange dots along the bottom); and a panel with the residuals (observed - model) and
/// their +-1 sigma noise (blue). A self-contained SVG document, deterministic for the same data.
public enum FitPlot {
    /// Width and panel heights, px.
    static let width = 960.0, spectrumHeight = 340.0, residualHeight = 220.0, headerHeight = 64.0

    /// The whole figure as a standalone SVG document (with XML prolog and namespace), for a file;
    /// `standalone: false` gives the bare `<svg>` element to inline in HTML (as the demo report does).
    public static func svg(_ data: FitPlotData, standalone: Bool = true) -> String {
        let p = min(data.wavelength.count, data.flux.count, data.ivar.count, data.fit.modelFlux.count, data.fit.residual.count)
        let x = Array(data.wavelength.prefix(p))
        let good = (0..<p).map { data.ivar[$0] > 0 }
        let observed = (0..<p).map { good[$0] ? Double(data.flux[$0]) : .nan }
        let model = (0..<p).map { Double(data.fit.modelFlux[$0]) }
        let residual = (0..<p).map { good[$0] ? Double(data.fit.residual[$0]) : .nan }
        let sigma = (0..<p).map { good[$0] ? 1 / Double(data.ivar[$0]).squareRoot() : .nan }
        let xRange = (x.first ?? 0)...(x.last ?? 1)
        let finiteFlux = (observed + model).filter(\.isFinite)
        let yLow = min(0.2, (finiteFlux.min() ?? 0) - 0.05), yHigh = max(1.2, min((finiteFlux.max() ?? 1) + 0.05, 2.2))
        let masked = (0..<p).filter { !good[$0] }
        let maskY = yLow + 0.03 * (yHigh - yLow)
        let spectrum = SVGPlot(
            title: "Normalised spectrum (black), model (red), masked pixels (orange): \(masked.count)",
            x: SVGPlot.Axis("Rest wavelength (Angstrom)", range: xRange), y: SVGPlot.Axis("Normalised flux", range: yLow...yHigh),
            marks: [
                .line(x: x, y: observed, colour: "black", width: 0.8),
                .line(x: x, y: model, colour: "#d62728", width: 0.9),
                .points(x: masked.map { x[$0] }, y: masked.map { _ in maskY }, values: nil, colour: "#ff7f0e", radius: 2),
            ],
            width: width, height: spectrumHeight)
        let typicalResidual = RobustRange.median(residual.filter(\.isFinite).map(abs)) ?? 0.05
        let typicalSigma = RobustRange.median(sigma.filter(\.isFinite)) ?? 0.05
        let spread = max(0.02, min(0.6, max(4 * typicalResidual, 3 * typicalSigma)))
        let residualPlot = SVGPlot(
            title: "Residuals (observed - model), ±1 sigma noise (blue)",
            x: SVGPlot.Axis("Rest wavelength (Angstrom)", range: xRange), y: SVGPlot.Axis("Residual", range: -spread...spread),
            marks: [
                .horizontal(y: 0, colour: "#d62728"),
                .line(x: x, y: residual, colour: "#444444", width: 0.7),
                .line(x: x, y: sigma, colour: "#1f77b4", width: 1),
                .line(x: x, y: sigma.map { -$0 }, colour: "#1f77b4", width: 1),
                .points(x: masked.map { x[$0] }, y: masked.map { _ in -0.92 * spread }, values: nil, colour: "#ff7f0e", radius: 2),
            ],
            width: width, height: residualHeight)
        let height = headerHeight + spectrumHeight + residualHeight
        let snr = data.snrg.map { String(format: "S/N_g %.1f", $0) } ?? "S/N_g unknown"
        let flagText = data.flags == 0 ? "flags: none" : "flags \(data.flags): " + data.flagNames.joined(separator: ", ")
        let headline = "obsid \(data.obsid), model \(data.modelID), \(snr)" + (data.storedFit ? "" : " (model spectrum recomputed)")
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        // Inline in HTML the namespace is implied (and the report carries no URLs at all).
        out += "<svg" + (standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") + " width=\"\(SVGPlot.f(width))\" height=\"\(SVGPlot.f(height))\" "
            + "viewBox=\"0 0 \(SVGPlot.f(width)) \(SVGPlot.f(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(SVGPlot.f(width))\" height=\"\(SVGPlot.f(height))\" fill=\"white\"/>\n"
        out += "<text x=\"12\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(SVGPlot.escape(headline))</text>\n"
        out += "<text x=\"12\" y=\"37\">\(SVGPlot.escape(data.labelText.joined(separator: "   ")))</text>\n"
        out += "<text x=\"12\" y=\"55\" fill=\"\(data.flags == 0 ? "#2c7a2c" : "#b03a2e")\">\(SVGPlot.escape(flagText))</text>\n"
        out += "<g transform=\"translate(0 \(SVGPlot.f(headerHeight)))\">\n" + spectrum.render() + "\n</g>\n"
        out += "<g transform=\"translate(0 \(SVGPlot.f(headerHeight + spectrumHeight)))\">\n" + residualPlot.render() + "\n</g>\n"
        return out + "</svg>\n"
    }
}

/// A median for plot scaling.
enum RobustRange {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
    }
}
