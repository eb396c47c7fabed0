import Catalogue
import Testing
@testable import TAP

@Suite struct TapLandingPageTests {
    static let tables = [
        PublishedTable(schemaName: "slam", tableName: "labels", qualifiedName: "slam.labels", tableType: "view",
                       description: "SLAM labels <current> & \"published\"", columns: []),
        PublishedTable(schemaName: "tap_schema", tableName: "schemas", qualifiedName: "tap_schema.schemas", tableType: "table",
                       description: nil, columns: []),
    ]

    @Test func namesTheEndpointsUnderTheBaseURL() {
        let base = "http://catalogue.example.org:8080/tap"
        let page = TapLandingPage.html(baseURL: base, tables: Self.tables)
        #expect(page.hasPrefix("<!DOCTYPE html>"), "\(page)")
        for path in ["/sync", "/tables", "/capabilities", "/availability", "/examples"] {
            #expect(page.contains("<a href=\"\(base)\(path)\">"), "\(path)")
        }
        #expect(page.contains("pyvo.dal.TAPService(\"\(base)\")"), "\(page)")
        #expect(page.contains("stilts tapquery tapurl=\(base)"), "\(page)")
        #expect(page.contains("URL <code>\(base)</code>"), "\(page)")
    }

    @Test func listsTheTablesWithTheirDescriptionsEscaped() {
        let page = TapLandingPage.html(baseURL: "http://h/tap", tables: Self.tables)
        #expect(page.contains("<li><code>slam.labels</code>: SLAM labels &lt;current&gt; &amp; &quot;published&quot;</li>"), "\(page)")
        #expect(page.contains("<li><code>tap_schema.schemas</code>: </li>"), "\(page)")
    }

    @Test func listsEveryExampleWithItsQueryEscaped() {
        let page = TapLandingPage.html(baseURL: "http://h/tap", tables: [])
        for example in TapExamples.all {
            #expect(page.contains("<h3>\(example.name)</h3>"), "\(example.id)")
        }
        #expect(page.contains("m_h &lt; -1"), "\(page)")
        #expect(!page.contains("m_h < -1"), "\(page)")
    }

    @Test func escapesTheBaseURL() {
        let page = TapLandingPage.html(baseURL: "http://h/tap?x=\"<a>\"&y", tables: [])
        #expect(!page.contains("<a>"), "\(page)")
        #expect(page.contains("http://h/tap?x=&quot;&lt;a&gt;&quot;&amp;y"), "\(page)")
    }
}
