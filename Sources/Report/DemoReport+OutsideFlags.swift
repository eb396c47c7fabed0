extension DemoReport {
    /// The flag table: per S/N_g bin, the spectra truly outside the training set's label ranges and on its
    /// support (and off it, when any), and
    /// recall and false-flag rate of `outside_training_set` (bit 12) beside `far_from_training_set` (bit 7)
    /// and `poor_fit` (bit 3) alone.
    static func outsideFlagSection(_ rates: OutsideFlagRates) -> String {
        var html = """
            <p class="caption">Stars unlike the training set. Outside: spectra whose true labels lie beyond the training set's
            label ranges (the mock survey's dwarfs and hot stars); inside: spectra on the training set's support (true labels within
            the ranges and near training stars); off support: within the ranges but far from every training star (flag bit 7's
            test on the true labels), shown apart. Recall: outside spectra carrying the flag; false: inside spectra carrying it. The <code>outside_training_set</code> decision combines label-space distance,
            chi-squares against the model's own variance, the residual pattern and the first guess, with thresholds per S/N
            calibrated on the model's held-out members only (no truth); its aim is recall ≥ 95% at a false-flag rate ≤ 5%.</p>
            <table><tr><th class="l">S/N_g</th><th>outside</th><th>inside</th>
            """
        for d in OutsideFlagRates.decisions { html += "<th>\(d.name) recall</th><th>false</th>" }
        if rates.hasOffSupport { html += "<th>off support</th><th>\(OutsideFlagRates.decisions[0].name) flagged</th>" }
        html += "</tr>\n"
        func row(_ r: OutsideFlagRates.Row, all: Bool) -> String {
            var cells = "<tr><td class=\"l\">\(escape(OutsideFlagRates.range(r, all: all)))</td><td>\(r.outside)</td><td>\(r.inside)</td>"
            for d in OutsideFlagRates.decisions.indices {
                cells += "<td>\(OutsideFlagRates.percent(r.recall(d)))</td><td>\(OutsideFlagRates.percent(r.falseFlagRate(d)))</td>"
            }
            if rates.hasOffSupport { cells += "<td>\(r.offSupport)</td><td>\(OutsideFlagRates.percent(r.offSupportRate(0)))</td>" }
            return cells + "</tr>\n"
        }
        for r in rates.bins where r.outside + r.inside + r.offSupport > 0 { html += row(r, all: false) }
        return html + row(rates.overall, all: true) + "</table>\n"
    }
}
