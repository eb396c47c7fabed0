import ADQL
import Testing
@testable import TAP

/// The examples document (DALI 1.1 section 2.3). That every example translates and runs against the real
/// published schema is checked in ServerIntegrationTests (TapRoutesTests).
@Suite struct TapExamplesTests {
    @Test func idsAreUniqueFragmentIdentifiers() {
        let ids = TapExamples.all.map(\.id)
        #expect(Set(ids).count == ids.count, "\(ids)")
        for id in ids {
            #expect(!id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }, "\(id)")
        }
    }

    @Test func everyExampleParsesAsADQL() {
        for example in TapExamples.all {
            #expect(throws: Never.self, "\(example.id)") { _ = try ADQLParser.parse(example.query) }
        }
    }

    @Test func theDocumentIsXHTMLWithTheDALIExamplesVocabulary() {
        let text = TapExamples.document()
        #expect(VOSIDocumentsTests.isWellFormed(text), "\(text)")
        #expect(text.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\">"), "\(text)")
        #expect(text.contains("vocab=\"ivo://ivoa.net/std/DALI#examples\""), "\(text)")
    }

    @Test func eachExampleIsOneElementWithItsNameAndQuery() {
        let text = TapExamples.document()
        #expect(VOSIDocumentsTests.occurrences(of: "typeof=\"example\"", in: text) == TapExamples.all.count)
        #expect(VOSIDocumentsTests.occurrences(of: "property=\"name\"", in: text) == TapExamples.all.count)
        #expect(VOSIDocumentsTests.occurrences(of: "property=\"query\"", in: text) == TapExamples.all.count)
        for example in TapExamples.all {
            #expect(text.contains("<div id=\"\(example.id)\" resource=\"#\(example.id)\" typeof=\"example\">"), "\(example.id)")
            #expect(text.contains("<h2 property=\"name\">\(example.name)</h2>"), "\(example.id)")
        }
    }

    @Test func queriesAreEscaped() throws {
        let giants = try #require(TapExamples.all.first { $0.query.contains("<") }, "an example with '<' to check escaping")
        let text = TapExamples.document()
        let escaped = giants.query.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        #expect(text.contains("<pre property=\"query\">\(escaped)</pre>"), "\(text)")
        #expect(!text.contains("m_h < -1"), "\(text)")
        #expect(text.contains("m_h &lt; -1"), "\(text)")
    }
}
