import Foundation
import Testing
@testable import Formats

/// What a binary table's columns report once written from ``FITSColumnSpec``s: kind, repeat count,
/// width, values per row, `TDIMn`, `TUNITn` and `TNULLn`.
@Suite struct FITSColumnTests {
    static let specs = [
        FITSColumnSpec(name: "b", format: "B"), FITSColumnSpec(name: "i", format: "I"),
        FITSColumnSpec(name: "j", format: "J", nullValue: -1), FITSColumnSpec(name: "k", format: "K"),
        FITSColumnSpec(name: "e", format: "E", unit: "Angstrom"), FITSColumnSpec(name: "d", format: "D"),
        FITSColumnSpec(name: "l", format: "L"), FITSColumnSpec(name: "name", format: "12A"),
        FITSColumnSpec(name: "flux", format: "3909E"), FITSColumnSpec(name: "cov", format: "4D", dimensions: [2, 2]),
        FITSColumnSpec(name: "tags", format: "30A", dimensions: [10, 3]),
    ]

    /// The columns of a table written from ``specs``, and its header.
    static func readBack() throws -> (columns: [FITSColumn], header: FITSHeader) {
        let dir = try FormatsTestSupport.makeTemporaryDirectory("columns")
        defer { FormatsTestSupport.removeTemporary(dir) }
        let url = dir.appendingPathComponent("t.fits")
        let file = try FITSFile.create(url: url)
        try file.createEmptyPrimary()
        try file.createBinaryTable(name: "T", columns: specs, rowCount: 1)
        try file.close()
        let read = try FITSFile.open(url: url)
        try read.moveToTable(withColumns: ["flux"])
        return (try read.tableColumns(), try read.header())
    }

    @Test func eachFormatReportsItsKind() throws {
        let columns = try Self.readBack().columns
        #expect(columns.map(\.index) == Array(0..<11))
        #expect(columns.map(\.name) == Self.specs.map(\.name))
        #expect(columns.map(\.format) == Self.specs.map(\.format))
        #expect(columns.map(\.isInteger) == [true, true, true, true, false, false, false, false, false, false, false])
        #expect(columns.map(\.isInt32) == [false, false, true, false, false, false, false, false, false, false, false])
        #expect(columns.map(\.isInt64) == [false, false, false, true, false, false, false, false, false, false, false])
        #expect(columns.map(\.isReal) == [false, false, false, false, true, true, false, false, true, true, false])
        #expect(columns.map(\.isLogical) == [false, false, false, false, false, false, true, false, false, false, false])
        #expect(columns.map(\.isString) == [false, false, false, false, false, false, false, true, false, false, true])
    }

    @Test func arraysCountTheirElementsAndStringsCountAsOneValue() throws {
        let columns = try Self.readBack().columns
        #expect(columns.map(\.repeatCount) == [1, 1, 1, 1, 1, 1, 1, 12, 3909, 4, 30])
        #expect(columns.map(\.elementsPerRow) == [1, 1, 1, 1, 1, 1, 1, 1, 3909, 4, 1])
        #expect(columns[...6].map(\.width) == [1, 2, 4, 8, 4, 8, 1])
        #expect(columns[7].width == 12 && columns[8].width == 4)
        #expect(columns.map(\.dimensions) == [nil, nil, nil, nil, nil, nil, nil, nil, nil, [2, 2], [10, 3]])
    }

    @Test func unitsAndNullValuesAreWrittenOnlyWhereGiven() throws {
        let header = try Self.readBack().header
        #expect(header.value("TUNIT5") == .string("Angstrom"))
        #expect(header.value("TNULL3") == .int(-1))
        #expect(!header.contains("TUNIT1") && !header.contains("TNULL1") && !header.contains("TNULL4"))
        #expect(FITSColumnSpec(name: "x", format: "D") == FITSColumnSpec(name: "x", format: "D", unit: "", dimensions: nil))
    }
}
