import Pages
import Testing

@Suite struct HTMLTests {
    @Test func markupAndQuotesBecomeEntities() {
        #expect(HTML.escape("<script>alert(\"x\")</script> & 'q'") == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
        #expect(HTML.escape("LAMOST J221040.85-003500.2") == "LAMOST J221040.85-003500.2")
    }

    @Test func numbersAndLabelsHaveTheirUnitsDecimals() {
        #expect(HTML.label("teff", 4650.4) == "4650")
        #expect(HTML.label("logg", 2.41049) == "2.410")
        #expect(HTML.number(nil, digits: 2) == "–")
        #expect(HTML.number(.nan, digits: 2) == "–")
        #expect(HTML.unit(of: "teff") == "K" && HTML.unit(of: "m_h") == "dex")
    }

    @Test func linksPercentEncodeTheirParameters() {
        #expect(HTML.link("/tap/sync", [("QUERY", "SELECT * FROM slam.labels WHERE obsid = 5"), ("LANG", "ADQL")])
                == "/tap/sync?QUERY=SELECT%20%2A%20FROM%20slam.labels%20WHERE%20obsid%20%3D%205&LANG=ADQL")
    }

    @Test func tablesHaveColumnHeadersAndACaption() {
        let table = HTML.table(caption: "<b>", headers: ["A", "B"], rows: [["1", "2"]])
        #expect(table.contains("<caption>&lt;b&gt;</caption>"))
        #expect(table.contains("<th scope=\"col\">A</th><th scope=\"col\">B</th>"))
        #expect(table.contains("<tr><td>1</td><td>2</td></tr>"))
    }

    @Test func aDocumentFetchesNothingAndRunsNoScript() {
        let page = PageLayout.document(title: "a <title>", section: .survey, body: "<p>x</p>")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<title>a &lt;title&gt; · SLAM catalogue</title>"))
        #expect(page.contains("<a href=\"/survey\" aria-current=\"page\">Survey</a>"))
        for external in ["http:", "https:", "<script", "src=", "url(", "<link"] {
            #expect(!page.contains(external), "\(external)")
        }
    }
}
