/// The frame of every page: the document head with the one inline style sheet, the navigation and the
/// footer. No scripts, fonts or images are fetched: a page is one self-contained response.
public enum PageLayout {
    /// The sections of the navigation bar.
    public enum Section: String, Sendable, CaseIterable {
        case search, survey, models, tap

        var title: String {
            switch self {
            case .search: "Search"
            case .survey: "Survey"
            case .models: "Models"
            case .tap: "TAP service"
            }
        }

        var path: String {
            switch self {
            case .search: "/"
            case .survey: "/survey"
            case .models: "/models"
            case .tap: "/tap"
            }
        }
    }

    /// A whole HTML document: `title` (plain text), the navigation with `section` marked current, `body` (HTML).
    public static func document(title: String, section: Section?, body: String) -> String {
        var nav = ""
        for item in Section.allCases {
            let current = item == section ? " aria-current=\"page\"" : ""
            nav += "<a href=\"\(item.path)\"\(current)>\(item.title)</a>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · SLAM catalogue</title>
            <style>\(style)</style></head><body>
            <header><nav aria-label="Main">\(nav)</nav></header>
            <main>
            <h1>\(HTML.escape(title))</h1>
            \(body)
            </main>
            <footer>SLAM catalogue (Stellar LAbel Machine; Zhang, Liu &amp; Deng 2020, ApJS 246, 9). Every table here is also a
            query of the <a href="/tap">TAP service</a>.</footer>
            </body></html>

            """
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        header{background:#1f3a5f;padding:.5em 1em}nav a{color:#fff;margin-right:1.4em;text-decoration:none}
        nav a[aria-current=page]{font-weight:bold;text-decoration:underline}
        main{max-width:1180px;margin:0 auto;padding:0 1em 2em}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
        table{border-collapse:collapse;margin:.5em 0;font-size:.92em;background:#fff}
        th,td{border:1px solid #d0d0d0;padding:.25em .55em;text-align:right;vertical-align:top}
        th{background:#eef1f5}caption{text-align:left;font-weight:bold;padding:.2em 0}
        table.facts th{text-align:left}table.facts td{text-align:left}td.l,th.l{text-align:left}
        .flagged{color:#a3261b}.ok{color:#24692a}.muted{color:#666}.error{color:#a3261b;font-weight:bold}
        figure{margin:.6em 0;display:inline-block;vertical-align:top}figcaption{font-size:.85em;color:#555;max-width:460px}
        svg{max-width:100%;height:auto}pre{background:#fff;border:1px solid #ddd;padding:.5em;white-space:pre-wrap;word-break:break-all;font-size:.85em}
        form.search input[type=text]{width:28em;font-size:1em;padding:.3em}form.search button{font-size:1em;padding:.3em .8em}
        footer{font-size:.8em;color:#555;text-align:center;padding:1em}dl.flags dt{font-weight:bold}dl.flags dd{margin:0 0 .4em 1em}
        """
}
