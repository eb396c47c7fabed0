import Testing
@testable import Formats

@Suite struct XMLEscapingTests {
    @Test func markupAndLineBreaksAreEscaped() throws {
        #expect(XMLEscaping.escaped("a<b>&\"c'\r\n\t", attribute: false) == "a&lt;b&gt;&amp;&quot;c'&#13;\n\t")
        #expect(XMLEscaping.escaped("a<b>&\"c'\r\n\t", attribute: true) == "a&lt;b&gt;&amp;&quot;c'&#13;&#10;&#9;")
    }

    @Test func charactersXMLForbidsAreReplaced() throws {
        #expect(XMLEscaping.escaped("\u{0}\u{8}\u{B}\u{1F}x\u{FFFE}\u{FFFF}\u{7F}é🌟", attribute: false)
                == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}x\u{FFFD}\u{FFFD}\u{7F}é🌟")
    }
}
