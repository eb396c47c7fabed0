import Testing
@testable import Formats

@Suite struct DelimitedTableEncoderTests {
    private let fields = [
        VOTableField(name: "id", datatype: .long),
        VOTableField(name: "name, \"alias\"", datatype: .char, arraysize: "*"),
        VOTableField(name: "teff", datatype: .float),
        VOTableField(name: "ra", datatype: .double),
        VOTableField(name: "ok", datatype: .boolean),
        VOTableField(name: "flux", datatype: .double, arraysize: "*"),
    ]

    private func text(_ style: DelimitedTableEncoder.Style, _ rows: [[VOTableValue]]) -> String {
        let encoder = DelimitedTableEncoder(fields: fields, style: style)
        var bytes = encoder.header()
        for row in rows { bytes += encoder.encode(row: row) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private let rows: [[VOTableValue]] = [
        [.integer(1), .text("a,b \"q\"\nnext\r"), .double(4800.5), .double(0.1), .boolean(true), .doubleArray([1, nil, -.infinity])],
        [.null, .text("tab\there\\"), .double(.nan), .double(.infinity), .boolean(false), .null],
        [.integer(-3), .text("é"), .integer(2), .double(1e-05), .null, .integerArray([4, nil])],
    ]

    @Test func csvQuotesCommasQuotesAndLineBreaks() throws {
        #expect(text(.csv, rows) == "id,\"name, \"\"alias\"\"\",teff,ra,ok,flux\r\n"
            + "1,\"a,b \"\"q\"\"\nnext\r\",4800.5,0.1,true,1.0 NaN -Infinity\r\n"
            + ",tab\there\\,,Infinity,false,\r\n"
            + "-3,é,2,1e-05,,4 NaN\r\n")
    }

    @Test func tsvEscapesTabsLineBreaksAndBackslashes() throws {
        #expect(text(.tsv, rows) == "id\tname, \"alias\"\tteff\tra\tok\tflux\n"
            + "1\ta,b \"q\"\\nnext\\r\t4800.5\t0.1\ttrue\t1.0 NaN -Infinity\n"
            + "\ttab\\there\\\\\t\tInfinity\tfalse\t\n"
            + "-3\té\t2\t1e-05\t\t4 NaN\n")
    }

    @Test func shortRowsAreCompletedWithEmptyCells() throws {
        let encoder = DelimitedTableEncoder(fields: fields, style: .csv)
        #expect(String(decoding: encoder.encode(row: [.integer(5)]), as: UTF8.self) == "5,,,,,\r\n")
    }

    @Test func floatFieldsWriteTheShortestFloatText() throws {
        let encoder = DelimitedTableEncoder(fields: [VOTableField(name: "f", datatype: .float)], style: .tsv)
        #expect(String(decoding: encoder.encode(row: [.double(0.1)]), as: UTF8.self) == "0.1\n")
        #expect(String(decoding: encoder.encode(row: [.double(1e39)]), as: UTF8.self) == "Infinity\n")
    }
}
