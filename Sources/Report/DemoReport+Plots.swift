import Foundation

extension DemoReport {
    static func plots(_ plots: [SVGPlot]) -> String {
        "<div class=\"plots\">\n" + plots.map { $0.render() }.joined(separator: "\n") + "\n</div>\n"
    }

    /// S/N_g colour range: 0 to the 99th percentile (at least 50).
    static func snrScale(_ snr: [Double]) -> SVGPlot.ColourScale {
        let v = snr.filter(\.isFinite).sorted()
        let top = v.isEmpty ? 100 : v[Int(Double(v.count - 1) * 0.99)]
        return SVGPlot.ColourScale("S/N_g", range: 0...max(50, (top / 10).rounded(.up) * 10))
    }

    static func axisLabel(_ prefix: String, _ name: String) -> String { "\(prefix)\(display(name)) (\(unit(name)))" }

    static func oneToOneSection(_ data: DemoReportData) -> String {
        let l = data.labelNames.count, m = data.members
        let scale = snrScale(m.snr)
        let training = (0..<m.count).filter { !m.marked[$0] }, heldOut = (0..<m.count).filter { m.marked[$0] }
        let charts = data.labelNames.enumerated().map { j, name in
            let x = m.reference(j, labels: l), y = m.predicted(j, labels: l)
            let range = SVGPlot.autoRange(x + y)
            return SVGPlot(title: display(name), x: .init(axisLabel("APOGEE ", name), range: range), y: .init(axisLabel("SLAM ", name), range: range),
                           marks: [.oneToOne,
                                   .points(x: training.map { x[$0] }, y: training.map { y[$0] }, values: training.map { m.snr[$0] }, colour: "#444", radius: 2.2),
                                   .points(x: heldOut.map { x[$0] }, y: heldOut.map { y[$0] }, values: heldOut.map { m.snr[$0] }, colour: "#444", radius: 2.6),
                                   .rings(x: heldOut.map { x[$0] }, y: heldOut.map { y[$0] }, colour: "#d62728", radius: 3.6)],
                           colourScale: scale)
        }
        return """
            <p class="caption">Cross-validated SLAM labels of the \(training.count) training members (each predicted by the model
            trained without its fold: the predictions behind the table above) and the final model's labels of the \(heldOut.count)
            held-out members (ringed in red), against their APOGEE labels, coloured by S/N_g
            (<code>model_validation_prediction</code>). Dashed: one-to-one.</p>
            \(plots(charts))
            """
    }

    static func residualSection(_ data: DemoReportData) -> String {
        let l = data.labelNames.count
        let useTruth = data.truth.count > 0
        let pairs = useTruth ? data.truth : data.members
        let top = snrScale(pairs.snr).range.upperBound
        let charts = data.labelNames.enumerated().map { j, name in
            let p = pairs.predicted(j, labels: l), r = pairs.reference(j, labels: l)
            let residual = zip(p, r).map { $0 - $1 }
            return SVGPlot(title: display(name), x: .init("S/N_g", range: 0...top),
                           y: .init("SLAM − \(useTruth ? "true" : "APOGEE") \(display(name)) (\(unit(name)))"),
                           marks: [.horizontal(y: 0, colour: "#c0392b"),
                                   .points(x: pairs.snr, y: residual, values: nil, colour: "#2c6fbb", radius: 1.8)])
        }
        let what = useTruth ? "the predicted spectra of the mock survey whose true labels lie inside the training set's label ranges "
            + "(the spectra of the truth table above; \(pairs.count) shown), against their true labels"
            : "the training-set members against their APOGEE labels (\(pairs.count) shown)"
        return "<p class=\"caption\">SLAM − reference against S/N_g: \(what).</p>\n" + plots(charts)
    }

    static func column(_ data: DemoReportData, _ name: String) -> [Double]? {
        data.labelNames.firstIndex(of: name).map { data.catalogue.predicted($0, labels: data.labelNames.count) }
    }

    static func kielSection(_ data: DemoReportData) -> String {
        guard let teff = column(data, "teff"), let logg = column(data, "logg") else { return "<p>The model has no Teff and log g.</p>\n" }
        let mh = column(data, "m_h") ?? column(data, "feh")
        let colour = mh.map { v in SVGPlot.ColourScale("[M/H] (dex)", range: SVGPlot.autoRange(v)) }
        let (kept, flagged) = flaggedApart(data)
        let chart = SVGPlot(title: "Kiel diagram of the predicted catalogue", x: .init("Teff (K)", reversed: true), y: .init("log g (dex)", reversed: true),
                            marks: [.points(x: kept.map { teff[$0] }, y: kept.map { logg[$0] }, values: mh.map { v in kept.map { v[$0] } },
                                            colour: "#2c6fbb", radius: 1.8),
                                    .points(x: flagged.map { teff[$0] }, y: flagged.map { logg[$0] }, values: nil, colour: Self.flaggedColour, radius: 1.4)],
                            colourScale: colour, width: 560, height: 420)
        return "<p class=\"caption\">SLAM Teff and log g of \(teff.count) predicted spectra, coloured by [M/H]; "
            + "\(flagged.count) flagged <code>outside_training_set</code> drawn apart in grey.</p>\n" + plots([chart])
    }

    static func alphaSection(_ data: DemoReportData) -> String {
        guard let mh = column(data, "m_h") ?? column(data, "feh"), let alpha = column(data, "alpha_m") else {
            return "<p>The model has no [M/H] and [α/M].</p>\n"
        }
        let (kept, flagged) = flaggedApart(data)
        let chart = SVGPlot(title: "[α/M] vs [M/H] of the predicted catalogue", x: .init("[M/H] (dex)"), y: .init("[α/M] (dex)"),
                            marks: [.points(x: kept.map { mh[$0] }, y: kept.map { alpha[$0] }, values: kept.map { data.catalogue.snr[$0] },
                                            colour: "#2c6fbb", radius: 1.8),
                                    .points(x: flagged.map { mh[$0] }, y: flagged.map { alpha[$0] }, values: nil, colour: Self.flaggedColour, radius: 1.4)],
                            colourScale: snrScale(data.catalogue.snr), width: 560, height: 420)
        return "<p class=\"caption\">SLAM [α/M] against [M/H] of \(mh.count) predicted spectra, coloured by S/N_g; "
            + "\(flagged.count) flagged <code>outside_training_set</code> drawn apart in grey.</p>\n" + plots([chart])
    }

    /// Colour of the spectra flagged `outside_training_set` in the catalogue diagrams.
    static let flaggedColour = "#9a9a9a"

    /// The catalogue's point indices split into unflagged and flagged `outside_training_set` (`marked`).
    static func flaggedApart(_ data: DemoReportData) -> (kept: [Int], flagged: [Int]) {
        let marked = data.catalogue.marked
        let all = Array(data.catalogue.snr.indices)
        return (all.filter { !($0 < marked.count && marked[$0]) }, all.filter { $0 < marked.count && marked[$0] })
    }

    static func hyperparameterSection(_ data: DemoReportData) -> String {
        let p = data.pixels
        func line(_ title: String, _ label: String, _ y: [Double]) -> SVGPlot {
            SVGPlot(title: title, x: .init("wavelength (Å)"), y: .init(label),
                    marks: [.line(x: p.wavelength, y: y, colour: "#2c6fbb", width: 1)], width: 640, height: 260)
        }
        let charts = [line("Penalty C", "log10 C", p.c.map(log10)), line("Tube half-width ε", "ε (standardised flux)", p.epsilon),
                      line("RBF kernel γ", "log10 γ", p.gamma.map(log10)), line("Cross-validated MSE", "log10 CV MSE (standardised flux²)", p.cvMSE.map(log10))]
        return "<p class=\"caption\">Per-pixel SVR hyperparameters (flat when the model was trained with fixed hyperparameters) and cross-validated mean squared error of the \(p.wavelength.count) model pixels "
            + "(<code>model_pixel</code>).</p>\n" + plots(charts)
    }

    static func exampleSection(_ data: DemoReportData) -> String {
        guard let e = data.example else { return "<p>No converged prediction with a preprocessed spectrum.</p>\n" }
        let labels = zip(data.labelNames, e.labels).map { name, v in
            display(name) + " = " + String(format: name == "teff" ? "%.0f K" : "%.3f", v).replacingOccurrences(of: "-", with: "−")
        }.joined(separator: ", ")
        // The full flux range (line cores included), not the percentile range used elsewhere.
        let values = (e.flux + e.model).filter(\.isFinite)
        let lo = values.min() ?? 0, hi = values.max() ?? 1, pad = max(hi - lo, 0.1) * 0.03
        let spectrum = SVGPlot(title: "obsid \(e.obsid), S/N_g \(String(format: "%.0f", e.snr))", x: .init("wavelength (Å)"),
                               y: .init("normalised flux", range: (lo - pad)...(hi + pad)),
                               marks: [.line(x: e.wavelength, y: e.model, colour: "#f08080", width: 2.2),
                                       .line(x: e.wavelength, y: e.flux, colour: "#222", width: 0.7)], width: 1300, height: 320)
        let residual = zip(e.flux, e.model).map { $0 - $1 }
        let below = SVGPlot(title: "Residuals: observed − model", x: .init("wavelength (Å)"), y: .init("residual flux"),
                            marks: [.horizontal(y: 0, colour: "#c0392b"), .line(x: e.wavelength, y: residual, colour: "#2c6fbb", width: 0.8)],
                            width: 1300, height: 220)
        let summary = "<p class=\"caption\">The predicted spectrum with S/N_g closest to 100: preprocessed flux (black; bad pixels left out) over the SLAM "
            + "model at its best-fit labels (broad red line), \(escape(labels)).</p>\n" + plots([spectrum, below])
        guard !data.exampleFits.isEmpty else { return summary }
        return summary + "<p class=\"caption\">The fits as <code>slam show OBSID</code> draws them (S/N_g near 100 and near 20): "
            + "observed spectrum, model, residuals with the noise band and masked pixels, and the labels with their calibrated errors and flags.</p>\n"
            + data.exampleFits.map { "<div class=\"fit\">\($0)</div>\n" }.joined()
    }

    static func calibrationSection(_ data: DemoReportData) -> String {
        "<p class=\"caption\">Error calibration from repeat observations (same star, two obsids, both predicted by the model): per label and "
            + "S/N_g bin the spread of the label differences over their combined formal errors gives the inflation of the formal errors, and the "
            + "cross-validation residuals give an error floor. Published (calibrated) error = √((inflation × formal)² + floor²).</p>\n"
            + "<pre>\(escape(data.calibration))</pre>\n"
    }
}
