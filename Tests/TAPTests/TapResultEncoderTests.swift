import Formats
import Foundation
import Testing
@testable import TAP

@Suite struct TapResultEncoderTests {
    static let fields = [
        VOTableField(name: "obsid", datatype: .long, ucd: "meta.id;meta.main"),
        VOTableField(name: "designation", datatype: .char, arraysize: "*"),
        VOTableField(name: "teff", datatype: .double, unit: "K"),
    ]
    static let rows: [[VOTableValue]] = [
        [.integer(101), .text("LAMOST J000000.00+000000.0"), .double(4500.5)],
        [.integer(102), .text("a, \"quoted\"\tcell"), .null],
        [.integer(-3), .null, .double(-0.25)],
    ]
    static let query = "SELECT obsid, designation, teff FROM slam.labels WHERE teff < 5000"

    /// The whole document of `rows` in `format`, written a page of one row at a time.
    static func document(_ format: TapOutputFormat, rows: [[VOTableValue]] = rows, overflow: Bool = false,
                         error: String? = nil) throws -> [UInt8] {
        var encoder = TapResultEncoder(fields: fields, format: format, query: query)
        var bytes = encoder.header()
        for row in rows { bytes += try encoder.encode(rows: [row]) }
        bytes += encoder.footer(overflow: overflow, error: error)
        return bytes
    }

    @Test(arguments: [TapOutputFormat.votableTabledata, .votableBinary2])
    func votableReadsBackWithItsFieldsAndRows(format: TapOutputFormat) throws {
        let bytes = try Self.document(format)
        let table = try VOTableReader.read(bytes)
        #expect(table.fields.map(\.name) == ["obsid", "designation", "teff"])
        #expect(table.fields[0].ucd == "meta.id;meta.main" && table.fields[2].unit == "K")
        #expect(table.rows == Self.rows)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(VOSIDocumentsTests.isWellFormed(text), "\(text)")
        #expect(text.contains("<INFO name=\"QUERY_STATUS\" value=\"OK\"/>"), "\(text)")
        #expect(text.contains("<INFO name=\"QUERY\" value=\"SELECT obsid, designation, teff FROM slam.labels WHERE teff &lt; 5000\"/>"), "\(text)")
        #expect(!text.contains("OVERFLOW") && !text.contains("value=\"ERROR\""), "\(text)")
        let serialization = format == .votableTabledata ? "<TABLEDATA>" : "<BINARY2>"
        #expect(text.contains(serialization), "\(text)")
    }

    @Test(arguments: [TapOutputFormat.votableTabledata, .votableBinary2])
    func aManyRowPageEqualsOneRowPages(format: TapOutputFormat) throws {
        var encoder = TapResultEncoder(fields: Self.fields, format: format, query: Self.query)
        var bytes = encoder.header()
        bytes += try encoder.encode(rows: Self.rows)
        bytes += try encoder.encode(rows: [])
        bytes += encoder.footer(overflow: false)
        #expect(bytes == (try Self.document(format)))
    }

    @Test(arguments: [TapOutputFormat.votableTabledata, .votableBinary2])
    func overflowIsAnInfoAfterTheTable(format: TapOutputFormat) throws {
        let bytes = try Self.document(format, overflow: true)
        let text = String(decoding: bytes, as: UTF8.self)
        let table = try #require(text.range(of: "</TABLE>"))
        let overflow = try #require(text.range(of: "<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>"), "\(text)")
        #expect(table.upperBound <= overflow.lowerBound)
        #expect(try VOTableReader.read(bytes).rows == Self.rows)
    }

    @Test(arguments: [TapOutputFormat.votableTabledata, .votableBinary2])
    func aLateErrorEndsTheDocumentWithAnEscapedErrorInfo(format: TapOutputFormat) throws {
        let bytes = try Self.document(format, rows: Array(Self.rows.prefix(2)), overflow: true, error: "division by zero <in> row 3 & more")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(VOSIDocumentsTests.isWellFormed(text), "\(text)")
        #expect(text.contains("</TABLE>\n<INFO name=\"QUERY_STATUS\" value=\"ERROR\">division by zero &lt;in&gt; row 3 &amp; more</INFO>"), "\(text)")
        #expect(!text.contains("OVERFLOW"), "the error wins over the overflow: \(text)")
        #expect(try VOTableReader.read(bytes).rows == Array(Self.rows.prefix(2)))
    }

    @Test func aRowThatDoesNotFitItsFieldsIsAServiceFailure() {
        var encoder = TapResultEncoder(fields: Self.fields, format: .votableTabledata, query: Self.query)
        _ = encoder.header()
        #expect(throws: TapError.self) { try encoder.encode(rows: [[.integer(1)]]) }
        do {
            _ = try encoder.encode(rows: [[.text("x"), .text("y"), .double(1)]])
            Issue.record("text in a long field was written")
        } catch {
            guard case .serviceFailure = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func csvHasAHeaderLineCRLFAndQuotedCells() throws {
        let text = String(decoding: try Self.document(.csv, overflow: true), as: UTF8.self)
        #expect(text == """
            obsid,designation,teff\r
            101,LAMOST J000000.00+000000.0,4500.5\r
            102,"a, ""quoted""\tcell",\r
            -3,,-0.25\r

            """)
    }

    @Test func tsvHasAHeaderLineLFAndEscapedTabs() throws {
        let text = String(decoding: try Self.document(.tsv, overflow: true, error: "ignored"), as: UTF8.self)
        #expect(text == "obsid\tdesignation\tteff\n101\tLAMOST J000000.00+000000.0\t4500.5\n102\ta, \"quoted\"\\tcell\t\n-3\t\t-0.25\n")
    }

    @Test(arguments: [TapOutputFormat.csv, .tsv])
    func delimitedFootersAreEmpty(format: TapOutputFormat) {
        var encoder = TapResultEncoder(fields: Self.fields, format: format, query: Self.query)
        #expect(encoder.footer(overflow: true).isEmpty)
        #expect(encoder.footer(overflow: false, error: "late").isEmpty)
    }

    @Test(arguments: [TapOutputFormat.votableTabledata, .votableBinary2])
    func anEmptyResultStillHasItsFields(format: TapOutputFormat) throws {
        let table = try VOTableReader.read(try Self.document(format, rows: []))
        #expect(table.fields.map(\.name) == ["obsid", "designation", "teff"])
        #expect(table.rows.isEmpty)
    }
}
