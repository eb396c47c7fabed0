import Foundation
import Testing
@testable import Formats

/// How the CSV scanner splits bytes into records: RFC 4180 quoting, the separator fixed by the header,
/// trimming, line numbers, and an unclosed quote at the end of the file.
@Suite struct CSVRecordScannerTests {
    /// Every record of `text` with the line it started on, and the scanner after the last one.
    static func scan(_ text: String) throws -> (records: [[String]], lines: [Int], scanner: CSVRecordScanner) {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("csv-scanner")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("t.csv")
        try Data(text.utf8).write(to: url)
        let file = try #require(fopen(url.path, "rb"))
        let scanner = CSVRecordScanner(file: file)
        var records: [[String]] = [], lines: [Int] = []
        while let record = scanner.nextRecord() {
            records.append(record)
            lines.append(scanner.recordLine)
        }
        return (records, lines, scanner)
    }

    @Test func quotedFieldsHoldSeparatorsDoubledQuotesAndNewlines() throws {
        let result = try Self.scan("id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n")
        #expect(result.records == [["id", "note"], ["1", "a, b"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", "x"]])
        #expect(result.lines == [1, 2, 3, 4, 6])
        #expect(result.scanner.unclosedQuoteLine == nil && result.scanner.error == nil)
    }

    @Test func separatorIsWhicheverOfCommaAndPipeTheHeaderUsesMore() throws {
        let pipes = try Self.scan("a|b,c|d\n1|2,5|3\n")
        #expect(pipes.records == [["a", "b,c", "d"], ["1", "2,5", "3"]])
        let commas = try Self.scan("a,b|c,d\n1,2|5,3\n")
        #expect(commas.records == [["a", "b|c", "d"], ["1", "2|5", "3"]])
        let quotedPipes = try Self.scan("\"x|y|z\",w\n1,2\n")
        #expect(quotedPipes.records == [["x|y|z", "w"], ["1", "2"]])
    }

    @Test func unquotedFieldsAreTrimmedQuotedOnesKeptWithTheirBlanks() throws {
        let result = try Self.scan("\u{FEFF}a , b\r\n  1 ,  \" q \"  \r\nx\"y,z\r\n")
        #expect(result.records == [["a", "b"], ["1", " q "], ["x\"y", "z"]])
        #expect(result.lines == [1, 2, 3])
    }

    @Test func lastRecordNeedsNoNewlineAndEmptyInputHasNoRecord() throws {
        #expect(try Self.scan("a,b\n1,2").records == [["a", "b"], ["1", "2"]])
        #expect(try Self.scan("").records.isEmpty)
        #expect(try Self.scan("a\n\nb\n").records == [["a"], [""], ["b"]])
    }

    @Test func quoteLeftOpenAtTheEndOfTheFileIsReportedWithTheLineItOpenedOn() throws {
        let result = try Self.scan("a,b\n1,2\n3,\"open\n4,5\n6,7\n")
        #expect(result.scanner.unclosedQuoteLine == 3)
        #expect(try Self.scan("a,\"b").scanner.unclosedQuoteLine == 1)
    }

    @Test func unclosedQuoteIsAnInvalidCSVErrorNotSwallowedRows() throws {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("csv-scanner")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("open.csv")
        try Data("obsid,note\n1,ok\n2,\"open\n3,lost\n4,lost\n".utf8).write(to: url)
        let expected = FITSError.invalidCSV(file: url.path, line: 3, detail: "quoted field not closed before the end of the file")
        #expect(throws: expected) { try CatalogueTable.readCSV(url: url) }
        try Data("a,\"b".utf8).write(to: url)
        #expect(throws: FITSError.invalidCSV(file: url.path, line: 1,
                                             detail: "quoted field not closed before the end of the file")) {
            try CatalogueCSVReader(url: url)
        }
    }
}
