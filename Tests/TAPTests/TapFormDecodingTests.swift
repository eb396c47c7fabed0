import Testing
@testable import TAP

@Suite struct TapFormDecodingTests {
    @Test func decodesPlusPercentAndUTF8InOrder() {
        let pairs = TapFormDecoding.pairs("LANG=ADQL&QUERY=SELECT+TOP+1+*+FROM+slam.labels+WHERE+m_h+%3C+-1&x=%E2%82%AC&flag")
        #expect(pairs.map(\.name) == ["LANG", "QUERY", "x", "flag"])
        #expect(pairs[1].value == "SELECT TOP 1 * FROM slam.labels WHERE m_h < -1")
        #expect(pairs[2].value == "€")
        #expect(pairs[3].value == "")
    }

    @Test func keepsAMalformedEscapeAsText() {
        #expect(TapFormDecoding.pairs("a=100%&b=%zz%4").map(\.value) == ["100%", "%zz%4"])
    }

    @Test func ignoresEmptyPieces() {
        #expect(TapFormDecoding.pairs("&&a=1&").count == 1)
        #expect(TapFormDecoding.pairs("").isEmpty)
    }
}
