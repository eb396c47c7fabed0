import Testing
@testable import TAP

/// multipart/form-data bodies as TAP clients send them (CRLF line ends; LF tolerated).
@Suite struct TapMultipartFormTests {
    static func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func readsFieldsAndFilePartsWithTheirBytes() throws {
        let text = "preamble\r\n--b0undary\r\nContent-Disposition: form-data; name=\"QUERY\"\r\n\r\nSELECT 1\r\n"
            + "--b0undary\r\ncontent-disposition: form-data; name=\"list\"; filename=\"t.xml\"\r\nContent-Type: text/xml\r\n\r\n<a>\r\n\r\nb</a>\r\n"
            + "--b0undary--\r\nepilogue"
        let form = try TapMultipartForm(body: Self.body(text), boundary: "b0undary")
        #expect(form.parts.count == 2)
        #expect(form.fields.map { "\($0.name)=\($0.value)" } == ["QUERY=SELECT 1"])
        let file = try #require(form.part(named: "list"))
        #expect(file.filename == "t.xml" && file.contentType == "text/xml")
        #expect(file.body == Self.body("<a>\r\n\r\nb</a>"))
    }

    @Test func toleratesBareLineFeeds() throws {
        let form = try TapMultipartForm(body: Self.body("--x\nContent-Disposition: form-data; name=LANG\n\nADQL\n--x--\n"), boundary: "x")
        #expect(form.fields.map { "\($0.name)=\($0.value)" } == ["LANG=ADQL"])
    }

    @Test(arguments: [
        ("no boundary here", "has no boundary"),
        ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished", "no closing boundary"),
        ("--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--", "has no name"),
        ("--x\r\nno header block\r\n--x--", "has no header block"),
    ])
    func refusesMalformedBodies(text: String, reason: String) {
        #expect {
            _ = try TapMultipartForm(body: Self.body(text), boundary: "x")
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func theBoundaryComesFromTheContentType() {
        #expect(TapMultipartForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(TapMultipartForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(TapMultipartForm.boundary(contentType: "multipart/mixed; boundary=abc") == nil)
        #expect(TapMultipartForm.boundary(contentType: "multipart/form-data") == nil)
    }
}
