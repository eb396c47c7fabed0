import Foundation
import Testing
@testable import Formats

@Suite struct VOTableEncoderTests {
    private let prologue = """
        <?xml version="1.0" encoding="UTF-8"?>
        <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://www.ivoa.net/xml/VOTable/v1.3 http://www.ivoa.net/xml/VOTable/VOTable-1.4.xsd">

        """

    @Test func tabledataDocumentHasExactBytes() throws {
        let fields = [
            VOTableField(name: "id", datatype: .long, ucd: "meta.id;meta.main"),
            VOTableField(name: "teff", datatype: .float, unit: "K"),
            VOTableField(name: "name", datatype: .char, arraysize: "*", description: "Star & \"name\""),
            VOTableField(name: "ok", datatype: .boolean),
            VOTableField(name: "flux", datatype: .double, arraysize: "*", xtype: "spectrum"),
            VOTableField(name: "mask", datatype: .short, arraysize: "2"),
        ]
        let rows: [[VOTableValue]] = [
            [.integer(1), .double(4800.5), .text("a<b & c>d\r\n\t\u{1}"), .boolean(true), .doubleArray([0.1, nil, .infinity]), .integerArray([1, nil])],
            [.null, .double(.nan), .null, .boolean(false), .null, .null],
            [.integer(-9), .integer(3), .text("é"), .null, .doubleArray([-1e-05]), .integerArray([0, -2])],
        ]
        let document = try VOTableTestSupport.document(
            fields, rows, serialization: .tabledata, infos: [(name: "QUERY", value: "SELECT \"a\" < 1")], overflow: true)
        let expected = prologue + """
            <RESOURCE type="results">
            <INFO name="QUERY_STATUS" value="OK"/>
            <INFO name="QUERY" value="SELECT &quot;a&quot; &lt; 1"/>
            <TABLE>
            <FIELD name="id" datatype="long" ucd="meta.id;meta.main"/>
            <FIELD name="teff" datatype="float" unit="K"/>
            <FIELD name="name" datatype="char" arraysize="*">
            <DESCRIPTION>Star &amp; &quot;name&quot;</DESCRIPTION>
            </FIELD>
            <FIELD name="ok" datatype="boolean"/>
            <FIELD name="flux" datatype="double" arraysize="*" xtype="spectrum"/>
            <FIELD name="mask" datatype="short" arraysize="2">
            <VALUES null="-32768"/>
            </FIELD>
            <DATA>
            <TABLEDATA>
            <TR><TD>1</TD><TD>4800.5</TD><TD>a&lt;b &amp; c&gt;d&#13;\n\t\u{FFFD}</TD><TD>T</TD><TD>0.1 NaN +Inf</TD><TD>1 -32768</TD></TR>
            <TR><TD/><TD/><TD/><TD>F</TD><TD/><TD/></TR>
            <TR><TD>-9</TD><TD>3.0</TD><TD>é</TD><TD/><TD>-1e-05</TD><TD>0 -2</TD></TR>
            </TABLEDATA>
            </DATA>
            </TABLE>
            <INFO name="QUERY_STATUS" value="OVERFLOW"/>
            </RESOURCE>
            </VOTABLE>

            """
        #expect(String(decoding: document, as: UTF8.self) == expected)
    }

    @Test func footerWithoutOverflowHasNoOverflowInfo() throws {
        let document = try VOTableTestSupport.document([VOTableField(name: "x", datatype: .int)], [[.integer(1)]], serialization: .binary2)
        let text = String(decoding: document, as: UTF8.self)
        #expect(!text.contains("OVERFLOW"))
        #expect(text.hasSuffix("</STREAM>\n</BINARY2>\n</DATA>\n</TABLE>\n</RESOURCE>\n</VOTABLE>\n"))
    }

    @Test func binary2StreamHasNullFlagsAndBigEndianCells() throws {
        let fields = [
            VOTableField(name: "s", datatype: .short),
            VOTableField(name: "d", datatype: .double),
            VOTableField(name: "c", datatype: .char, arraysize: "*"),
            VOTableField(name: "b", datatype: .boolean),
            VOTableField(name: "ia", datatype: .int, arraysize: "*"),
            VOTableField(name: "u", datatype: .unicodeChar, arraysize: "*"),
            VOTableField(name: "f", datatype: .float),
            VOTableField(name: "cf", datatype: .char, arraysize: "3"),
            VOTableField(name: "l", datatype: .long),
        ]
        let rows: [[VOTableValue]] = [
            [.integer(-2), .double(1.5), .text("hé"), .boolean(false), .integerArray([7, nil]), .text("é"), .double(-2), .text("ab"), .integer(1)],
            [.null, .null, .null, .null, .null, .null, .null, .null, .null],
        ]
        let document = try VOTableTestSupport.document(fields, rows, serialization: .binary2)
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.contains("<FIELD name=\"ia\" datatype=\"int\" arraysize=\"*\">\n<VALUES null=\"-2147483648\"/>\n</FIELD>\n"))
        #expect(text.contains("<DATA>\n<BINARY2>\n<STREAM encoding=\"base64\">\n"))
        let first: [UInt8] = [0x00, 0x00]                                   // flags: 9 fields, two bytes, none set
            + [0xFF, 0xFE]                                                   // short -2
            + [0x3F, 0xF8, 0, 0, 0, 0, 0, 0]                                 // double 1.5
            + [0, 0, 0, 3, 0x68, 0xC3, 0xA9]                                 // char*: 3 UTF-8 bytes "hé"
            + [0x46]                                                         // boolean 'F'
            + [0, 0, 0, 2, 0, 0, 0, 7, 0x80, 0, 0, 0]                        // int*: 2 elements, 7 and the null sentinel
            + [0, 0, 0, 1, 0x00, 0xE9]                                       // unicodeChar*: one UTF-16 unit
            + [0xC0, 0x00, 0x00, 0x00]                                       // float -2
            + [0x61, 0x62, 0x00]                                             // char(3): "ab" padded with NUL
            + [0, 0, 0, 0, 0, 0, 0, 1]                                       // long 1
        let second: [UInt8] = [0xFF, 0x80]                                  // all nine flags set
            + [0, 0]                                                         // short filler
            + [0x7F, 0xF8, 0, 0, 0, 0, 0, 0]                                 // double NaN
            + [0, 0, 0, 0]                                                   // char*: count 0
            + [0x3F]                                                         // boolean '?'
            + [0, 0, 0, 0]                                                   // int*: count 0
            + [0, 0, 0, 0]                                                   // unicodeChar*: count 0
            + [0x7F, 0xC0, 0x00, 0x00]                                       // float NaN
            + [0, 0, 0]                                                      // char(3) filler
            + [0, 0, 0, 0, 0, 0, 0, 0]                                       // long filler
        #expect(try VOTableTestSupport.streamBytes(document) == first + second)
    }

    @Test func binary2RowsMayReturnNothingUntilAGroupCompletes() throws {
        var encoder = VOTableEncoder(fields: [VOTableField(name: "b", datatype: .boolean)], serialization: .binary2)
        _ = encoder.header()
        // A row is two bytes (flags, 'T'): the first row leaves both bytes in the carry.
        #expect(try encoder.encode(row: [.boolean(true)]) == [])
        #expect(try encoder.encode(row: [.boolean(true)]) == Array("AFQA".utf8))
        #expect(encoder.rowCount == 2)
        let footer = String(decoding: encoder.footer(overflow: false), as: UTF8.self)
        #expect(footer.hasPrefix("VA==\n</STREAM>"))
    }

    @Test func valuesThatDoNotFitTheirFieldAreRefusedNamingRowAndField() throws {
        let fields = [
            VOTableField(name: "n", datatype: .short),
            VOTableField(name: "label", datatype: .char, arraysize: "4"),
            VOTableField(name: "one", datatype: .char),
            VOTableField(name: "arr", datatype: .double, arraysize: "2"),
        ]
        var encoder = VOTableEncoder(fields: fields, serialization: .tabledata)
        _ = encoder.header()
        _ = try encoder.encode(row: [.integer(1), .text("abcd"), .text("x"), .doubleArray([1, 2])])
        let cases: [([VOTableValue], String, String)] = [
            ([.integer(40000), .null, .null, .null], "n", "40000 is outside the range of short (-32768...32767)"),
            ([.double(1.5), .null, .null, .null], "n", "a double cannot be written in a short field"),
            ([.null, .text("abcde"), .null, .null], "label", "text of 5 UTF-8 bytes is longer than arraysize 4"),
            ([.null, .text("é"), .text("ab"), .null], "one", "text of 2 UTF-8 bytes in a single-character field (no arraysize; use \"*\")"),
            ([.null, .null, .null, .doubleArray([1])], "arr", "array of 1 elements where arraysize 2 needs 2"),
            ([.null, .null, .null, .double(1)], "arr", "a double cannot be written in a double field with arraysize 2"),
            ([.null, .boolean(true), .null, .null], "label", "a boolean cannot be written in a char field with arraysize 4"),
        ]
        for (row, field, detail) in cases {
            #expect(throws: VOTableError(.invalidValue, row: 2, field: field, detail: detail)) { try encoder.encode(row: row) }
        }
        #expect(throws: VOTableError(.invalidValue, row: 2, detail: "3 cells for 4 fields")) { try encoder.encode(row: [.null, .null, .null]) }
        #expect(encoder.rowCount == 1)
        let error = VOTableError(.invalidValue, row: 2, field: "n", detail: "bad")
        #expect(error.description == "VOTable row 2, field 'n': bad")
    }

    @Test func malformedArraysizeFailsEveryRowNamingTheField() throws {
        var encoder = VOTableEncoder(fields: [VOTableField(name: "x", datatype: .int, arraysize: "0x*")], serialization: .binary2)
        #expect(throws: VOTableError(.invalidValue, row: 1, field: "x", detail: "arraysize '0x*' is not of the forms N, N*, *, AxB")) {
            try encoder.encode(row: [.null])
        }
    }

    @Test func integersAreAcceptedInFloatingPointFields() throws {
        let fields = [VOTableField(name: "d", datatype: .double), VOTableField(name: "a", datatype: .float, arraysize: "*")]
        let document = try VOTableTestSupport.document(fields, [[.integer(3), .integerArray([1, nil])]], serialization: .tabledata)
        let table = try VOTableReader.read(document)
        #expect(table.rows == [[.double(3), .doubleArray([1, nil])]])
    }
}

extension VOTableEncoderTests {
    @Test(.enabled(if: VOTableTestSupport.hasStilts, "stilts on PATH"), arguments: [VOTableSerialization.tabledata, .binary2])
    func stiltsVotlintFindsNothingToReport(serialization: VOTableSerialization) throws {
        let rows = (0..<50).map(VOTableReaderTests.row)
        let document = try VOTableTestSupport.document(
            VOTableReaderTests.everyField, rows, serialization: serialization,
            infos: [(name: "QUERY", value: "SELECT * FROM labels")], overflow: true)
        let url = try VOTableTestSupport.temporaryFile(document, name: "result.vot")
        defer { FormatsTestSupport.removeTemporary(url.deletingLastPathComponent()) }
        let stilts = try #require(VOTableTestSupport.executable("stilts"))
        let result = try VOTableTestSupport.run(stilts, ["votlint", "votable=\(url.path)"])
        #expect(result.status == 0)
        // votlint's only remark is an INFO that the scalar char field "c1" holds one character.
        #expect(!result.output.contains("ERROR") && !result.output.contains("WARNING"), "\(result.output)")
    }
}
