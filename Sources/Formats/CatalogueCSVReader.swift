import Foundation

/// Reads a CSV catalogue in row chunks, so a 9-million-row file never sits in memory at once.
///
/// - Separator: `,` or `|`, detected from the header line (the one that occurs more often outside quotes).
/// - Fields may be double-quoted (RFC 4180: `""` inside quotes is a quote; quoted fields may hold
///   separators and newlines); unquoted fields are trimmed of blanks. A UTF-8 byte-order mark is skipped.
/// - Column names are trimmed and lose a `combined_` prefix (archive cross-match exports).
/// - Missing values: an empty field, and for numeric columns also `NULL`, `null`, `NaN`, `nan`, `NA`,
///   `N/A`, `None`, `--`.
/// - Types: from `types` (keyed by the cleaned name, case-insensitive), else inferred from the first
///   chunk: integer literals only -> `int64`, numbers -> `double` (so `55862.0` makes a `double` column,
///   which ``CatalogueTable/int64s(_:)`` converts), else `string`. A later value that does not fit its
///   column's type throws `.invalidCSV` with its line; an `int64` column accepts integral reals (`55862.0`).
public final class CatalogueCSVReader {
    /// The file's path (used in errors).
    public let path: String
    /// Cleaned column names, in order.
    public private(set) var columnNames: [String] = []
    /// Column types, fixed after the first chunk (or given up front).
    public private(set) var columnTypes: [CatalogueColumnType?] = []
    private var scanner: CSVRecordScanner

    /// Opens `url` and reads its header line.
    /// - Throws: `.fileNotFound`, `.invalidCSV` (no header line, or a quote left open to the end of the file).
    public init(url: URL, types: [String: CatalogueColumnType] = [:]) throws(FITSError) {
        path = url.path
        guard let file = fopen(url.path, "rb") else { throw .fileNotFound(file: url.path) }
        scanner = CSVRecordScanner(file: file)
        guard let header = scanner.nextRecord() else { throw .invalidCSV(file: path, line: 1, detail: "no header line") }
        try checkQuotesClosed()
        let names = header.map { (name: String) -> String in
            let trimmed = name.trimmingSpaces()
            return trimmed.lowercased().hasPrefix("combined_") ? String(trimmed.dropFirst(9)) : trimmed
        }
        columnNames = names
        let hints = Dictionary(types.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        columnTypes = names.map { hints[$0.lowercased()] }
    }

    /// The next chunk of at most `maxRows` rows, or `nil` at the end of the file.
    /// - Throws: `.invalidCSV` for a row with the wrong number of fields or a value of the wrong type, or a
    ///   quoted field left open to the end of the file (naming the line it opened on).
    public func next(maxRows: Int = 100_000) throws(FITSError) -> CatalogueTable? {
        var rows: [[String]] = []
        var lines: [Int] = []
        while rows.count < maxRows, let record = scanner.nextRecord() {
            try checkQuotesClosed()
            if record.count == 1, record[0].isEmpty { continue }
            guard record.count == columnNames.count else {
                throw .invalidCSV(file: path, line: scanner.recordLine,
                                  detail: "\(record.count) fields, header has \(columnNames.count)")
            }
            rows.append(record)
            lines.append(scanner.recordLine)
        }
        if let error = scanner.error { throw .io(file: path, detail: error) }
        guard !rows.isEmpty else { return nil }
        var columns: [CatalogueColumn] = []
        for (c, name) in columnNames.enumerated() {
            let type = columnTypes[c] ?? Self.inferType(rows.lazy.map { $0[c] })
            columnTypes[c] = type
            columns.append(CatalogueColumn(name: name, values: try convert(rows, column: c, type: type, lines: lines)))
        }
        return CatalogueTable(columns: columns)
    }

    /// Reads every remaining row into one table (types inferred from all rows when not given).
    public func readAll() throws(FITSError) -> CatalogueTable {
        var chunks: [CatalogueTable] = []
        while let chunk = try next(maxRows: Int.max) { chunks.append(chunk) }
        guard let first = chunks.first else {
            return CatalogueTable(columns: columnNames.enumerated().map { i, name in
                CatalogueColumn(name: name, values: Self.empty(columnTypes[i] ?? .string))
            })
        }
        return first
    }

    /// Throws `.invalidCSV` when the record just read ended inside a quoted field: the file ended before
    /// the closing quote, so the rows after it were read as that field's text.
    private func checkQuotesClosed() throws(FITSError) {
        if let line = scanner.unclosedQuoteLine {
            throw .invalidCSV(file: path, line: line, detail: "quoted field not closed before the end of the file")
        }
    }

    static let missingTokens: Set<String> = ["", "NULL", "null", "NaN", "nan", "NA", "N/A", "None", "--"]

    static func inferType<S: Sequence>(_ values: S) -> CatalogueColumnType where S.Element == String {
        var sawValue = false
        var allInt = true
        for value in values where !missingTokens.contains(value) {
            sawValue = true
            if allInt, Int64(value) != nil { continue }
            allInt = false
            if Double(value) == nil { return .string }
        }
        if !sawValue { return .string }
        return allInt ? .int64 : .double
    }

    private func convert(_ rows: [[String]], column c: Int, type: CatalogueColumnType,
                         lines: [Int]) throws(FITSError) -> CatalogueColumnValues {
        switch type {
        case .string:
            return .string(rows.map { $0[c].isEmpty ? nil : $0[c] })
        case .int64:
            var out: [Int64?] = []
            out.reserveCapacity(rows.count)
            for (r, row) in rows.enumerated() {
                let text = row[c]
                if Self.missingTokens.contains(text) { out.append(nil); continue }
                guard let v = CatalogueTable.parseInteger(text) else {
                    throw .invalidCSV(file: path, line: lines[r], detail: "'\(text)' in integer column \(columnNames[c])")
                }
                out.append(v)
            }
            return .int64(out)
        case .double:
            var out: [Double?] = []
            out.reserveCapacity(rows.count)
            for (r, row) in rows.enumerated() {
                let text = row[c]
                if Self.missingTokens.contains(text) { out.append(nil); continue }
                guard let v = Double(text) else {
                    throw .invalidCSV(file: path, line: lines[r], detail: "'\(text)' in real column \(columnNames[c])")
                }
                out.append(v.isFinite ? v : nil)
            }
            return .double(out)
        }
    }

    static func empty(_ type: CatalogueColumnType) -> CatalogueColumnValues {
        switch type {
        case .int64: return .int64([])
        case .double: return .double([])
        case .string: return .string([])
        }
    }
}
