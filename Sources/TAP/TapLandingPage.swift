import Catalogue
import Formats

/// The page a browser sees at the service's base URL: what the service is, its endpoints, the published
/// tables, the example queries, and how to connect TOPCAT, pyvo and STILTS.
public enum TapLandingPage {
    public static func html(baseURL: String, tables: [PublishedTable]) -> String {
        let base = escape(baseURL)
        var text = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>SLAM catalogue TAP service</title></head>
        <body>
        <h1>SLAM catalogue: TAP service</h1>
        <p>Stellar labels (effective temperature, surface gravity, metallicities, with calibrated errors and flags)
        of LAMOST low-resolution spectra by the Stellar LAbel Machine, each stating the model that made it.
        Query it with ADQL from TOPCAT (VO &gt; Table Access Protocol, URL <code>\(base)</code>), pyvo
        (<code>pyvo.dal.TAPService("\(base)")</code>) or STILTS (<code>stilts tapquery tapurl=\(base) adql=...</code>).</p>
        <h2>Endpoints</h2>
        <ul>
        <li><a href="\(base)/sync">\(base)/sync</a>: synchronous queries (LANG=ADQL, QUERY, RESPONSEFORMAT, MAXREC)</li>
        <li><a href="\(base)/tables">\(base)/tables</a>, <a href="\(base)/capabilities">\(base)/capabilities</a>,
        <a href="\(base)/availability">\(base)/availability</a>, <a href="\(base)/examples">\(base)/examples</a></li>
        </ul>
        <h2>Tables</h2>
        <ul>

        """
        for table in tables {
            text += "<li><code>\(escape(table.qualifiedName))</code>: \(escape(table.description ?? ""))</li>\n"
        }
        text += "</ul>\n<h2>Examples</h2>\n"
        for example in TapExamples.all {
            text += "<h3>\(escape(example.name))</h3>\n<p>\(escape(example.description))</p>\n<pre>\(escape(example.query))</pre>\n"
        }
        text += "</body></html>\n"
        return text
    }

    private static func escape(_ text: String) -> String { XMLEscaping.escaped(text, attribute: true) }
}
