import Foundation

extension DemoReport {
    static func cell(_ bias: Double?, _ scatter: Double?, _ name: String) -> String {
        guard let b = bias, let s = scatter, b.isFinite, s.isFinite else { return "–" }
        let digits = name == "teff" ? "%.0f" : "%.3f"
        return String(format: "\(digits) ± \(digits)", b, s).replacingOccurrences(of: "-", with: "−")
    }

    static func snrRange(_ lo: Double, _ hi: Double) -> String {
        if !lo.isFinite { return "all" }
        return hi.isFinite ? String(format: "%.0f–%.0f", lo, hi) : String(format: "≥ %.0f", lo)
    }

    /// Header row, then `rows` (range, n, cells), then the paper's scatter (`paper`, at `paperSNR`).
    static func table(_ names: [String], _ rows: [(String, Int, [String])], paper: [String: Double],
                      paperSNR: String = "S/N_g ~ 100") -> String {
        var out = "<table><tr><th class=\"l\">S/N_g</th><th>n</th>"
            + names.map { "<th>\(escape(display($0))) (\(unit($0)))</th>" }.joined() + "</tr>\n"
        for (range, n, cells) in rows {
            out += "<tr><td class=\"l\">\(range)</td><td>\(n)</td>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        out += "<tr class=\"paper\"><td class=\"l\">paper, \(paperSNR)</td><td></td>" + names.map { name in
            "<td>" + (paper[name].map { "scatter " + String(format: $0 >= 1 ? "%.0f" : "%.3f", $0) } ?? "–") + "</td>"
        }.joined() + "</tr>\n"
        return out + "</table>\n"
    }

    /// Table rows (S/N range, n, bias ± scatter per label) of the non-empty bins, then "all" when there is such a row.
    static func rows(_ table: PrecisionBins) -> [(String, Int, [String])] {
        func cells(_ bin: PrecisionBins.Bin) -> [String] {
            table.labelNames.indices.map { cell(bin.bias[$0], bin.scatter[$0], table.labelNames[$0]) }
        }
        var out = table.bins.filter { $0.count > 0 }.map { b in (snrRange(b.lowerSNR, b.upperSNR), b.count, cells(b)) }
        if let o = table.overall { out.append(("all", o.count, cells(o))) }
        return out
    }

    static func precisionSection(_ run: DemoReportRun) -> String {
        let cv = run.crossValidation
        let cvRows = rows(cv)
        let truth = run.truth
        let truthRows = rows(truth)
        return """
            <p class="caption">Bias ± scatter (mean and standard deviation) of SLAM − reference per label and S/N_g bin.
            The last row gives the paper's cross-validated scatter at S/N_g ~ 100 (Zhang, Liu &amp; Deng 2020).</p>
            <h3>Cross-validation: SLAM − APOGEE (\(cv.labelNames.count) labels, \(cv.count) spectra)</h3>
            \(table(cv.labelNames, cvRows, paper: run.paperScatter))
            <h3>Mock survey: SLAM − true labels (\(truth.count) spectra inside the training set's label ranges)</h3>
            \(table(truth.labelNames, truthRows, paper: run.paperScatter))
            """ + (run.estimators.map(estimatorSection) ?? "")
    }

    /// The precision tables of an application other than the first (the LASP one): cross-validation
    /// against its reference labels beside the paper's figures, and against the mock survey's truth.
    static func applicationSection(_ application: DemoReportApplication) -> String {
        let cv = application.crossValidation
        let cvRows = rows(cv)
        let truth = application.truth
        let truthRows = rows(truth)
        return """
            <p class="caption">Label set \(escape(application.labelSet)), model \(application.modelID), trained on
            \(application.trainingMembers) spectra (\(escape(application.trainingSource ?? ""))). The mock LASP labels are the
            truth plus errors of about 100 K, 0.15 and 0.1 dex, so the scatter against LASP includes LASP's own errors;
            the scatter against the truth shows SLAM's precision. [Fe/H] is compared with the true [M/H].</p>
            <h3>Cross-validation: SLAM − \(application.referenceName) (\(cv.labelNames.count) labels, \(cv.count) spectra)</h3>
            \(table(cv.labelNames, cvRows, paper: application.paperScatter, paperSNR: "S/N_g > 100"))
            <h3>Mock survey: SLAM − true labels (\(truth.count) spectra inside the training set's label ranges)</h3>
            \(table(truth.labelNames, truthRows, paper: application.paperScatter, paperSNR: "S/N_g > 100"))
            """ + (application.estimators.map(estimatorSection) ?? "")
    }

    /// The published labels beside the maximum-likelihood fit (when it is not what is published) and the
    /// first guess (the nearest template) against the truth: per S/N_g bin a row for each, cells median /
    /// robust scatter; the smallest scatter of the rows in bold.
    static func estimatorSection(_ comparison: EstimatorComparison) -> String {
        let published = comparison.showsMaximumLikelihood
            ? "the posterior mean under the training set's label density, from the maximum-likelihood fit (ML fit) with the continuum correction"
            : "the maximum-likelihood fit with the continuum correction"
        let heading = comparison.showsMaximumLikelihood ? "Published labels, ML fit and first guess" : "Published labels and first guess"
        var html = """
            <h3>\(heading) − true labels (median / robust scatter)</h3>
            <p class="caption">The published labels are \(published); the first
            guess is the nearest training spectrum's labels. Median and 1.4826 × MAD of estimate − truth per S/N_g bin; the
            smallest scatter of the rows is in bold.\(comparison.referenceOffset == nil ? "" : " The last row compares the training "
                + "set's reference labels with the truth: the offset of the scale the model learns, which the published labels "
                + "inherit at every S/N (the fit's own bias in a bin is its median minus this one).")</p>
            <table><tr><th class="l">S/N_g</th><th>n</th><th class="l">estimate</th>
            """
        for name in comparison.labelNames { html += "<th>\(escape(display(name)))</th>" }
        html += "</tr>\n"
        for row in comparison.rows {
            let range = row.upperSNR >= 1e6 ? String(format: "≥ %.0f", row.lowerSNR)
                : String(format: "%.0f–%.0f", row.lowerSNR, row.upperSNR)
            let estimators = row.estimators(showingMaximumLikelihood: comparison.showsMaximumLikelihood)
            for (k, (name, cells)) in estimators.enumerated() {
                html += "<tr><td class=\"l\">\(k == 0 ? escape(range) : "")</td><td>\(k == 0 ? String(row.count) : "")</td>"
                    + "<td class=\"l\">\(name)</td>"
                for (c, cell) in cells.enumerated() {
                    guard let text = cell.text(label: comparison.labelNames[c]) else { html += "<td>–</td>"; continue }
                    let others = estimators.indices.filter { $0 != k }.map { estimators[$0].1[c].robustScatter }.filter(\.isFinite)
                    html += others.allSatisfy({ cell.robustScatter < $0 }) ? "<td><b>\(text)</b></td>" : "<td>\(text)</td>"
                }
                html += "</tr>\n"
            }
        }
        if let offset = comparison.referenceOffset {
            html += "<tr><td class=\"l\">training members</td><td>\(offset.count)</td><td class=\"l\">reference</td>"
            for (c, cell) in offset.cells.enumerated() {
                html += "<td>" + (cell.text(label: comparison.labelNames[c]) ?? "–") + "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    static func timingSection(_ run: DemoReportRun) -> String {
        let seconds = run.seconds
        let longest = max(run.stages.map(\.seconds).max() ?? 1, 1e-9)
        var out = "<table><tr><th class=\"l\">stage</th><th>seconds</th><th class=\"l\"></th><th class=\"l\">what it did</th></tr>\n"
        for s in run.stages {
            let bar = String(format: "%.0f", 240 * s.seconds / longest)
            out += "<tr><td class=\"l\">\(escape(s.name))</td><td>\(String(format: "%.1f", s.seconds))</td>"
                + "<td class=\"l\"><div class=\"bar\" style=\"width:\(bar)px\"></div></td><td class=\"l\">\(escape(s.detail))</td></tr>\n"
        }
        out += "<tr><td class=\"l\"><b>total</b></td><td><b>\(String(format: "%.1f", seconds))</b></td><td></td>"
            + "<td class=\"l\">wall clock of the whole demo, including database setup</td></tr>\n"
        return out + "</table>\n"
    }

    static func machineSection(_ m: DemoMachine) -> String {
        """
        <table>
        <tr><th class="l">host</th><td class="l">\(escape(m.host))</td></tr>
        <tr><th class="l">CPU</th><td class="l">\(escape(m.cpu))</td></tr>
        <tr><th class="l">cores</th><td class="l">\(m.cores)</td></tr>
        <tr><th class="l">memory</th><td class="l">\(String(format: "%.1f", m.memoryGiB)) GiB</td></tr>
        <tr><th class="l">operating system</th><td class="l">\(escape(m.operatingSystem))</td></tr>
        </table>

        """
    }

    /// The metallicity tails with and without inverse-density training weights (`DemoBalance`).
    static func balanceSection(_ balance: DemoBalance) -> String {
        let names = balance.labelNames
        func range(_ row: DemoBalance.Row) -> String {
            let lo = row.lower.isFinite ? String(format: "%.1f", row.lower) : "", hi = row.upper.isFinite ? String(format: "%.1f", row.upper) : ""
            return (lo.isEmpty ? "< \(hi)" : hi.isEmpty ? "≥ \(lo)" : "\(lo) – \(hi)").replacingOccurrences(of: "-", with: "−")
        }
        var out = "<p class=\"caption\">Bias ± scatter of SLAM − APOGEE from the whole-method cross-validation, in bins of the reference [M/H], "
            + "for the model trained with equal star weights (model \(balance.plainModelID), the one promoted) and the same training with each "
            + "star's SVR penalty C scaled by its inverse local density in label space (model \(balance.weightedModelID), "
            + "<code>slam train --density-weighting</code>). The paper names the sparse metal-poor and metal-rich tails as a source of bias.</p>\n"
        out += "<table><tr><th class=\"l\">[M/H] (dex)</th><th>n</th><th class=\"l\">weights</th>"
            + names.map { "<th>\(escape(display($0))) (\(unit($0)))</th>" }.joined() + "</tr>\n"
        for row in balance.rows where row.count > 0 {
            out += "<tr><td class=\"l\">\(escape(range(row)))</td><td>\(row.count)</td><td class=\"l\">equal</td>"
                + names.indices.map { "<td>\(cell(row.plain[$0].bias, row.plain[$0].scatter, names[$0]))</td>" }.joined() + "</tr>\n"
            out += "<tr><td class=\"l\"></td><td></td><td class=\"l\">inverse density</td>"
                + names.indices.map { "<td>\(cell(row.weighted[$0].bias, row.weighted[$0].scatter, names[$0]))</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }
}
