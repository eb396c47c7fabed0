import Catalogue
import Foundation
import Report

/// A star page (`/star/OBSID`): the spectrum's header and file, its labels by every current model with
/// calibrated errors and flags, the fit, the label history, repeat observations, reference labels,
/// training-set membership and posteriors.
public enum StarPage {
    /// The page of `data`.
    public static func html(_ data: StarPageData) -> String {
        let h = data.header
        let title = "obsid \(h.obsid)" + (h.designation.map { " · \($0)" } ?? "")
        var body = links(h.obsid)
        body += section("spectrum", "The spectrum", spectrum(h))
        body += section("labels", "Labels by the current models", labels(data))
        body += section("fit", "The fit", fit(data))
        body += section("history", "Label history across model versions", history(data))
        body += section("repeats", "Repeat observations of the star", repeats(data))
        body += section("references", "Reference labels and training", references(data))
        if !data.posteriors.isEmpty { body += section("posteriors", "Posteriors", posteriors(data)) }
        return PageLayout.document(title: title, section: nil, body: body)
    }

    static func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(HTML.escape(title))</h2>\n\(content)</section>\n"
    }

    /// Links to the file and to the labels through the TAP service.
    static func links(_ obsid: Int64) -> String {
        let labels = tapLink("SELECT * FROM slam.labels WHERE obsid = \(obsid)")
        let history = tapLink("SELECT * FROM slam.labels_history WHERE obsid = \(obsid)")
        return """
            <p><a href="/star/\(obsid)/spectrum.fits">Spectrum as FITS</a> ·
            <a href="\(HTML.escape(labels))">Labels as VOTable</a> ·
            <a href="\(HTML.escape(history))">Label history as VOTable</a> (TAP)</p>

            """
    }

    /// A synchronous TAP query of `adql` as VOTable.
    static func tapLink(_ adql: String) -> String {
        HTML.link("/tap/sync", [("REQUEST", "doQuery"), ("LANG", "ADQL"), ("FORMAT", "votable"), ("QUERY", adql)])
    }

    static func spectrum(_ h: StarHeader) -> String {
        let bands = ["u", "g", "r", "i", "z"]
        let snr = zip(bands, h.snr).map { "\($0) \(HTML.number($1, digits: 1))" }.joined(separator: ", ")
        var rows: [(String, String)] = [
            ("Designation", HTML.escape(h.designation ?? "–")),
            ("Object name (OBJNAME)", HTML.escape(h.objectName ?? "–")),
            ("RA, Dec (ICRS)", "\(HTML.number(h.ra, digits: 6))°, \(HTML.number(h.dec, digits: 6))°"),
            ("Date (DATE-OBS)", HTML.escape(h.dateObs ?? "–")),
            ("LMJD / MJD", "\(h.lmjd.map(String.init) ?? "–") / \(h.mjd.map(String.init) ?? "–")"),
            ("Plan / spectrograph / fibre", "\(HTML.escape(h.planID ?? "–")) / \(h.spectrograph.map(String.init) ?? "–") / \(h.fibre.map(String.init) ?? "–")"),
            ("Class", HTML.escape(h.objectClass ?? "–") + (h.subclass.map { " " + HTML.escape($0) } ?? "")),
            ("Redshift", h.z.map { HTML.number($0, digits: 6) + (h.zError.map { " ± " + HTML.number($0, digits: 6) } ?? "") } ?? "–"),
            ("Heliocentric RV (km/s)", HTML.number(h.heliocentricRV, digits: 2)),
            ("S/N per band", snr),
            ("Data release / pipeline", "\(HTML.escape(h.dataRelease ?? "–")) / \(HTML.escape(h.pipelineVersion ?? "–"))"),
            ("File", "<code>\(HTML.escape(h.filePath))</code>"),
        ]
        rows.append(("SHA-256", "<code>\(HTML.escape(h.fileSHA256))</code>"))
        rows.append(("Size, layout, pixels", "\(h.fileBytes) bytes, \(HTML.escape(h.fileLayout)), \(h.pixels) pixels"))
        rows.append(("Ingested", HTML.time(h.ingestedAt)))
        return HTML.facts(rows, caption: "Header values and file")
    }

    static func labels(_ data: StarPageData) -> String {
        let current = data.predictions.filter(\.isCurrent)
        guard !current.isEmpty else {
            return data.predictions.isEmpty ? "<p>No model has labelled this spectrum yet.</p>\n"
                : "<p>No current model has labelled this spectrum; see the history below.</p>\n"
        }
        var out = ""
        var usedBits = Set<Int>()
        for row in current {
            let tableRows = row.labelNames.indices.map { k -> [String] in
                let error = row.publishedError(k)
                return [HTML.labelTitle(row.labelNames[k]), HTML.label(row.labelNames[k], row.labels[k]),
                        HTML.label(row.labelNames[k], error.value), error.calibrated ? "calibrated" : "formal",
                        HTML.escape(HTML.unit(of: row.labelNames[k]))]
            }
            out += HTML.table(caption: "\(row.labelSet): model \(row.modelID)", headers: ["Label", "Value", "1σ error", "Error", "Unit"],
                              rows: tableRows)
            out += "<p>Model <a href=\"/models/\(row.modelID)\">\(row.modelID)</a> · status \(HTML.escape(row.status)) · reduced χ² "
                + "\(HTML.number(row.reducedChi2, digits: 2)) · \(flagText(row.flags, data.flagBits))</p>\n"
            for bit in data.flagBits where row.flags & (1 << bit.bit) != 0 { usedBits.insert(bit.bit) }
        }
        let described = data.flagBits.filter { usedBits.contains($0.bit) }
        if !described.isEmpty {
            out += "<dl class=\"flags\">" + described.map {
                "<dt>\(HTML.escape($0.name)) (bit \($0.bit))</dt><dd>\(HTML.escape($0.description))</dd>"
            }.joined() + "</dl>\n"
        }
        return out
    }

    /// `flags: none` in green, or the set flags' names (with their descriptions on hover) in red: the
    /// words carry the meaning, the colour only repeats it.
    static func flagText(_ flags: Int, _ bits: [FlagBitRow]) -> String {
        guard flags != 0 else { return "<span class=\"ok\">flags: none</span>" }
        let names = bits.filter { flags & (1 << $0.bit) != 0 }.map {
            "<abbr title=\"\(HTML.escape($0.description))\">\(HTML.escape($0.name))</abbr>"
        }
        return "<span class=\"flagged\">flags \(flags): \(names.isEmpty ? "unknown bits" : names.joined(separator: ", "))</span>"
    }

    static func fit(_ data: StarPageData) -> String {
        guard let fit = data.fit else {
            if let problem = data.fitProblem { return "<p class=\"error\">The fit cannot be drawn: \(HTML.escape(problem))</p>\n" }
            return "<p>No model has labelled this spectrum, so there is no fit.</p>\n"
        }
        let how = fit.storedFit ? "the model spectrum stored at prediction" : "the model spectrum recomputed from the model now"
        let description = "Fit of model \(fit.modelID) to obsid \(fit.obsid): the normalised spectrum, \(how), the masked pixels, "
            + "and the residuals with the ±1σ noise band."
        return HTML.figure(FitPlot.svg(fit, standalone: false), description: description)
    }

    static func history(_ data: StarPageData) -> String {
        guard !data.predictions.isEmpty else { return "<p>No predictions.</p>\n" }
        let rows = data.predictions.map { row -> [String] in
            ["<a href=\"/models/\(row.modelID)\">\(row.modelID)</a>", HTML.escape(row.labelSet), row.isCurrent ? "current" : "",
             HTML.time(row.createdAt), HTML.escape(row.status), labelList(row), flagText(row.flags, data.flagBits)]
        }
        return HTML.table(caption: "Every prediction of this spectrum", headers: ["Model", "Label set", "", "Predicted", "Status", "Labels", "Flags"],
                          rows: rows, id: "history-table")
    }

    /// `Teff 4650 ± 52, log g 2.410 ± 0.080, ...` with the published errors.
    static func labelList(_ row: StarLabelRow) -> String {
        row.labelNames.indices.map { k in
            "\(HTML.labelTitle(row.labelNames[k])) \(HTML.label(row.labelNames[k], row.labels[k])) ± \(HTML.label(row.labelNames[k], row.publishedError(k).value))"
        }.joined(separator: ", ")
    }

    static func repeats(_ data: StarPageData) -> String {
        guard !data.repeats.isEmpty else { return "<p>No other spectrum of this star (same designation within 3″).</p>\n" }
        let rows = data.repeats.map { hit -> [String] in
            let labels = data.repeatPredictions.filter { $0.obsid == hit.obsid }
            let text = labels.isEmpty ? "–" : labels.map { "\(HTML.escape($0.labelSet)): \(labelList($0))" + ($0.flags == 0 ? "" : " (flags \($0.flags))") }
                .joined(separator: "<br>")
            return ["<a href=\"/star/\(hit.obsid)\">\(hit.obsid)</a>", HTML.escape(hit.dateObs ?? "–"), HTML.number(hit.snrg, digits: 1),
                    HTML.number(hit.separationArcsec, digits: 2), text]
        }
        return HTML.table(caption: "Other spectra of the star", headers: ["obsid", "Date", "S/N<sub>g</sub>", "Distance (″)", "Labels by the current models"],
                          rows: rows, id: "repeats-table")
    }

    static func references(_ data: StarPageData) -> String {
        var out = ""
        if data.references.isEmpty {
            out += "<p>No reference catalogue (APOGEE, LASP, a user table) has labels for this star.</p>\n"
        } else {
            let rows = data.references.map { ref -> [String] in
                let labels = ref.labelNames.indices.compactMap { k -> String? in
                    guard k < ref.labels.count, let value = ref.labels[k] else { return nil }
                    let error = k < ref.errors.count ? ref.errors[k] : nil
                    return "\(HTML.labelTitle(ref.labelNames[k])) \(HTML.label(ref.labelNames[k], value))"
                        + (error.map { " ± " + HTML.label(ref.labelNames[k], $0) } ?? "")
                }.joined(separator: ", ")
                return [HTML.escape(ref.source), HTML.escape(ref.referenceID), HTML.number(ref.separationArcsec, digits: 2), labels]
            }
            out += HTML.table(caption: "Reference labels", headers: ["Source", "Id", "Distance (″)", "Labels"], rows: rows, id: "references-table")
        }
        if data.trainingSets.isEmpty {
            out += "<p>This spectrum is in no training set: it trained no model.</p>\n"
        } else {
            let rows = data.trainingSets.map { set -> [String] in
                [HTML.escape(set.trainingSet), HTML.escape(set.labelSet), set.heldOut ? "held out for validation" : "trained",
                 set.modelIDs.isEmpty ? "–" : set.modelIDs.map { "<a href=\"/models/\($0)\">\($0)</a>" }.joined(separator: ", ")]
            }
            out += HTML.table(caption: "Training sets that hold this spectrum", headers: ["Training set", "Label set", "Role", "Models"],
                              rows: rows, id: "training-table")
        }
        return out
    }

    static func posteriors(_ data: StarPageData) -> String {
        var out = ""
        for p in data.posteriors {
            let rows = p.labelNames.indices.map { k -> [String] in
                let name = p.labelNames[k]
                func value(_ array: [Float]) -> String { k < array.count ? HTML.label(name, Double(array[k])) : "–" }
                return [HTML.labelTitle(name), value(p.fitLabels), value(p.p16), value(p.p50), value(p.p84)]
            }
            out += HTML.table(caption: "Model \(p.modelID): \(p.walkers) walkers × \(p.steps) steps (burn-in \(p.burnIn)), acceptance "
                                + HTML.number(Double(p.acceptance), digits: 2) + ", loss \(p.loss)",
                              headers: ["Label", "Fit", "16th pct", "Median", "84th pct"], rows: rows)
        }
        return out
    }
}
