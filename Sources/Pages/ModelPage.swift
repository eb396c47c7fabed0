import Catalogue
import Foundation
import Report

/// A model's page (`/models/ID`): its registry row and training set, hyperparameters, CV MSE across
/// wavelength, the precision table against S/N, the error calibration, its promotions, and, when asked,
/// a comparison with another model on the same spectra.
public enum ModelPage {
    public static func html(_ data: ModelPageData) -> String {
        let d = data.detail
        var body = StarPage.section("registry", "Registry", registry(d))
        body += StarPage.section("settings", "Settings", "<pre>\(HTML.escape(d.settings))</pre>\n")
        body += StarPage.section("pixels", "Hyperparameters and CV MSE across wavelength", pixels(data))
        body += StarPage.section("precision", "Precision against S/N (cross-validation)", precision(data))
        body += StarPage.section("calibration", "Error calibration", calibration(data))
        body += StarPage.section("model-promotions", "Promotions", promotions(data))
        if let comparison = data.comparison {
            body += StarPage.section("comparison", "Model \(comparison.modelA) against model \(comparison.modelB)", comparisonSection(comparison))
        }
        return PageLayout.document(title: "Model \(d.modelID) · \(d.labelSet)", section: .models, body: body)
    }

    static func registry(_ d: ModelDetailRow) -> String {
        var rows: [(String, String)] = [
            ("Label set", HTML.escape(d.labelSet)),
            ("Status", HTML.escape(d.status) + (d.isCurrent ? " · <strong>current</strong>" : "")),
            ("Labels", d.labelNames.map(HTML.labelTitle).joined(separator: ", ")),
            ("Training set", "\(HTML.escape(d.trainingSet)) (id \(d.trainingSetID), \(d.trainingMembers) members, labels from \(HTML.escape(d.labelSource)))"),
            ("Trained on / pixels", "\(d.trainCount.map(String.init) ?? "–") spectra / \(d.pixels.map(String.init) ?? "–") pixels"),
            ("Model size", d.blobBytes.map { "\($0) bytes" } ?? "–"),
            ("Code version", HTML.escape(d.codeVersion ?? "–")),
            ("Created / finished", "\(HTML.time(d.createdAt)) / \(HTML.time(d.finishedAt))"),
        ]
        if let error = d.error { rows.append(("Error", "<span class=\"error\">\(HTML.escape(error))</span>")) }
        if let timings = d.timings { rows.append(("Timings", "<code>\(HTML.escape(timings))</code>")) }
        return HTML.facts(rows, caption: "Model \(d.modelID)")
    }

    static func pixels(_ data: ModelPageData) -> String {
        let p = data.pixels
        guard !p.wavelength.isEmpty else { return "<p>No per-pixel results (the model is not trained).</p>\n" }
        func log(_ values: [Double]) -> [Double] { values.map { $0 > 0 ? log10($0) : .nan } }
        let plots: [(String, String, [Double])] = [
            ("CV MSE (standardised flux², log10)", "cv", log(p.cvMSE)),
            ("C (log10)", "c", log(p.c)),
            ("ε (standardised flux, log10)", "epsilon", log(p.epsilon)),
            ("γ (1/standardised label², log10)", "gamma", log(p.gamma)),
        ]
        var out = ""
        for (title, _, values) in plots {
            let svg = SVGPlot(title: title, x: SVGPlot.Axis("Rest wavelength (Angstrom)"), y: SVGPlot.Axis(title),
                              marks: [.line(x: p.wavelength, y: values, colour: "#1f3a5f", width: 0.8)], width: 560, height: 260).render()
            out += HTML.figure(svg, description: "\(title) of each of the \(p.wavelength.count) pixels against wavelength")
        }
        return out
    }

    static func precision(_ data: ModelPageData) -> String {
        guard !data.precision.isEmpty else { return "<p>No precision table (cross-validation has not run).</p>\n" }
        let rows = data.precision.map { r -> [String] in
            [HTML.labelTitle(r.label), HTML.escape(r.scope), "\(HTML.number(r.snrMin, digits: 0))–\(HTML.number(r.snrMax, digits: 0))", "\(r.count)",
             HTML.label(r.label, r.bias), HTML.label(r.label, r.scatter), HTML.label(r.label, r.robustScatter),
             HTML.number(r.errorCalibration, digits: 2)]
        }
        return HTML.table(caption: "Cross-validated labels against the reference: bias and scatter per S/N_g bin (label units)",
                          headers: ["Label", "Scope", "S/N<sub>g</sub>", "N", "Bias", "Scatter", "Robust scatter", "Error calibration"],
                          rows: rows, id: "precision-table")
    }

    static func calibration(_ data: ModelPageData) -> String {
        guard !data.calibration.isEmpty else { return "<p>The errors are not calibrated yet (slam calibrate).</p>\n" }
        let rows = data.calibration.map { r -> [String] in
            [HTML.labelTitle(r.label), HTML.escape(r.scope), "\(HTML.number(r.snrMin, digits: 0))–\(HTML.number(r.snrMax, digits: 0))",
             "\(r.pairs)", HTML.number(r.inflation, digits: 2), r.ownFactor ? "own" : "all-S/N", "\(r.validationCount)",
             HTML.label(r.label, r.floor), HTML.escape(r.note ?? "")]
        }
        return HTML.table(caption: "Error inflation from repeat observations and the error floor from validation",
                          headers: ["Label", "Scope", "S/N<sub>g</sub>", "Repeat pairs", "Inflation", "Factor", "Validation stars", "Floor", "Note"],
                          rows: rows, id: "calibration-table")
    }

    static func promotions(_ data: ModelPageData) -> String {
        guard !data.promotions.isEmpty else { return "<p>This model was never promoted or replaced.</p>\n" }
        let rows = data.promotions.map { p -> [String] in
            [HTML.time(p.promotedAt), "<a href=\"/models/\(p.modelID)\">\(p.modelID)</a>",
             p.previousModelID.map { "<a href=\"/models/\($0)\">\($0)</a>" } ?? "–", HTML.escape(p.decidedBy), "<code>\(HTML.escape(p.reasons))</code>"]
        }
        return HTML.table(caption: "Promotions of or over this model", headers: ["When", "Made current", "Replaced", "Decided by", "Reasons"], rows: rows)
    }

    /// The comparison of two models: per label a scatter plot of B against A and the mean and scatter of B - A.
    public static func comparisonSection(_ c: ModelComparison) -> String {
        guard c.common > 0, !c.labelNames.isEmpty else {
            return "<p>No spectrum was labelled without flags by both models (or they share no label).</p>\n"
        }
        var out = "<p>\(c.common) spectra labelled by both without flags; the figures and table use "
            + "\(c.labelsA.first?.count ?? 0) of them (by obsid).</p>\n"
        var rows: [[String]] = []
        for (k, name) in c.labelNames.enumerated() {
            let a = c.labelsA[k], b = c.labelsB[k]
            let differences = zip(a, b).map { $1 - $0 }
            let mean = differences.isEmpty ? nil : differences.reduce(0, +) / Double(differences.count)
            let scatter = mean.map { m in (differences.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(1, differences.count - 1))).squareRoot() }
            rows.append([HTML.labelTitle(name), "\(differences.count)", HTML.label(name, mean), HTML.label(name, scatter)])
            let range = SVGPlot.autoRange(a + b)
            let svg = SVGPlot(title: LabelDisplay.axisTitle(name), x: SVGPlot.Axis("model \(c.modelA)", range: range),
                              y: SVGPlot.Axis("model \(c.modelB)", range: range),
                              marks: [.points(x: a, y: b, values: nil, colour: "#1f3a5f", radius: 1.6), .oneToOne], width: 340, height: 320).render()
            out += HTML.figure(svg, description: "\(name) by model \(c.modelB) against model \(c.modelA) for the same spectra, with the one-to-one line")
        }
        out += HTML.table(caption: "Model \(c.modelB) minus model \(c.modelA)", headers: ["Label", "N", "Mean difference", "Scatter"], rows: rows,
                          id: "comparison-table")
        return out
    }
}
