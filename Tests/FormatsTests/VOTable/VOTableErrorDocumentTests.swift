import Testing
@testable import Formats

@Suite struct VOTableErrorDocumentTests {
    @Test func errorDocumentCarriesTheEscapedMessageInQueryStatus() throws {
        let text = String(decoding: VOTableErrorDocument.render("line 1, column 8: unexpected \"<\" & FROM\u{7}"), as: UTF8.self)
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.ivoa.net/xml/VOTable/v1.3 http://www.ivoa.net/xml/VOTable/VOTable-1.4.xsd">
            <RESOURCE type="results">
            <INFO name="QUERY_STATUS" value="ERROR">line 1, column 8: unexpected &quot;&lt;&quot; &amp; FROM\u{FFFD}</INFO>
            </RESOURCE>
            </VOTABLE>

            """)
    }

    @Test func errorDocumentIsAVOTableWithoutATable() throws {
        let error = try #require(throws: VOTableError.self) { try VOTableReader.read(VOTableErrorDocument.render("boom")) }
        #expect(error.detail == "no TABLE in the first RESOURCE")
    }
}
