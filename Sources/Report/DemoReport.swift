import Foundation

/// The demo's HTML report (`OUT/report.html`): the precision tables beside the paper's figures, one-to-one
/// plots, residuals against S/N, the Kiel and [alpha/M]-[M/H] diagrams of the predicted catalogue, the
/// per-pixel hyperparameters, an example spectrum with its best-fit model, and the stage timings and
/// machine. One self-contained file: inline CSS and SVG, no scripts, no external references.
public enum DemoReport {
    /// The file name of the report in the demo's output directory.
    public static let fileName = "report.html"

    /// The whole HTML document of `run`, with the plots of `data`.
    public static func render(_ data: DemoReportData, run: DemoReportRun) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>SLAM demo report, model \(run.modelID)</title>
            <style>\(style)</style></head><body>
            <h1>SLAM demo report</h1>
            <p class="summary">Mock survey of \(run.stars) stars (seed \(run.seed)); model \(run.modelID),
            \(escape(run.hyperparameters)), \(run.folds)-fold cross-validation; \(String(format: "%.0f", run.seconds)) s in total.
            Method: Zhang, Liu &amp; Deng 2020, ApJS 246, 9.</p>

            """
        html += section("precision", "Precision table", precisionSection(run))
        for application in run.applications {
            html += section("application-\(application.id)", "Second application: \(escape(application.title))",
                            applicationSection(application))
        }
        if let rates = run.outsideFlags {
            html += section("outside-training-set", "Stars unlike the training set: flag recall and false-flag rate", outsideFlagSection(rates))
        }
        html += section("one-to-one", "One-to-one: SLAM vs APOGEE labels", oneToOneSection(data))
        html += section("residuals", "Residuals vs S/N", residualSection(data))
        html += section("kiel", "Kiel diagram", kielSection(data))
        html += section("alpha-metallicity", "[α/M] vs [M/H] (alpha vs metallicity)", alphaSection(data))
        if let balance = run.balance {
            html += section("training-balance", "Training-set balance: the metallicity tails", balanceSection(balance))
        }
        html += section("hyperparameters", "Per-pixel hyperparameters and CV MSE", hyperparameterSection(data))
        html += section("example-spectrum", "Example spectrum", exampleSection(data))
        html += section("error-calibration", "Error calibration", calibrationSection(data))
        html += section("timings", "Timings", timingSection(run))
        html += section("machine", "Machine", machineSection(data.machine))
        return html + "</body></html>\n"
    }

    static func section(_ id: String, _ title: String, _ body: String) -> String {
        "<section><h2 id=\"\(id)\">\(title)</h2>\n\(body)</section>\n"
    }

    static func escape(_ text: String) -> String { SVGPlot.escape(text) }

    /// Display name of a label, e.g. `[α/M]` (``LabelDisplay/name(_:)``).
    static func display(_ name: String) -> String { LabelDisplay.name(name) }

    static func unit(_ name: String) -> String { LabelDisplay.unit(name) }

    static let style = """
        body{font-family:sans-serif;margin:24px;max-width:1360px;color:#222}
        h1{margin-bottom:4px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
        table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}
        th{background:#f3f3f3}td.l,th.l{text-align:left}tr.paper td{background:#fff7e0;font-style:italic}
        .plots{display:flex;flex-wrap:wrap;gap:8px}.caption{color:#555;font-size:13px;max-width:1300px}
        .bar{background:#4a78b5;height:10px}
        """
}
