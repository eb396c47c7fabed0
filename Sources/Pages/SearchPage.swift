import Catalogue

/// The home page (`/`): the search box and, after a search, the spectra found with links to their pages.
public enum SearchPage {
    /// The page for search text `text` (nil or empty: no search yet), its results `hits`, or an `error`
    /// in words (a malformed search).
    public static func html(text: String?, search: StarSearch?, hits: [StarSearchHit], error: String? = nil) -> String {
        var body = """
            <p>Find a LAMOST spectrum by obsid, by designation, or by position: <code>ra dec [radius]</code> in degrees
            (ICRS) and arcminutes (default 1′).</p>
            <form class="search" method="get" action="/" role="search">
            <label for="q">Obsid, designation or position</label><br>
            <input type="text" id="q" name="q" value="\(HTML.escape(text ?? ""))" placeholder="e.g. 332.67024 -0.583389 2">
            <button type="submit">Search</button></form>

            """
        if let error {
            body += "<p class=\"error\" role=\"alert\">\(HTML.escape(error))</p>\n"
        } else if let search {
            body += "<h2>\(hits.count) spectr\(hits.count == 1 ? "um" : "a") \(HTML.escape(search.summary))</h2>\n"
            if hits.count >= StarSearch.limit { body += "<p class=\"muted\">Only the first \(StarSearch.limit) are listed.</p>\n" }
            if !hits.isEmpty { body += table(hits, cone: { if case .cone = search { true } else { false } }()) }
        }
        body += """
            <h2>Other pages</h2>
            <ul><li><a href="/survey">The survey</a>: what is ingested, rejected and labelled, the queue and the workers.</li>
            <li><a href="/models">The models</a>: the registry, promotions, cross-validation and error calibration.</li>
            <li><a href="/tap">The TAP service</a>: ADQL for TOPCAT, STILTS and pyvo.</li></ul>

            """
        return PageLayout.document(title: "SLAM catalogue", section: .search, body: body)
    }

    /// The hits as a table linking each obsid to its page.
    static func table(_ hits: [StarSearchHit], cone: Bool) -> String {
        var headers = ["obsid", "Designation", "RA (°)", "Dec (°)", "S/N<sub>g</sub>", "Class", "Date", "Release"]
        if cone { headers.append("Distance (″)") }
        let rows = hits.map { hit -> [String] in
            var row = ["<a href=\"/star/\(hit.obsid)\">\(hit.obsid)</a>", HTML.escape(hit.designation ?? "–"),
                       HTML.number(hit.ra, digits: 6), HTML.number(hit.dec, digits: 6), HTML.number(hit.snrg, digits: 1),
                       HTML.escape(hit.objectClass ?? "–"), HTML.escape(hit.dateObs ?? "–"), HTML.escape(hit.dataRelease ?? "–")]
            if cone { row.append(HTML.number(hit.separationArcsec, digits: 2)) }
            return row
        }
        return HTML.table(caption: "Spectra found", headers: headers, rows: rows, id: "hits")
    }
}
