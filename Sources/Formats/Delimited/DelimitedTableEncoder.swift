/// Writes a query result as CSV (RFC 4180) or TSV (`text/tab-separated-values`), a row at a time.
///
/// Both start with a header line of the field names. Cells: null and NaN are empty; booleans `true`
/// and `false`; integers in decimal; floating point in the shortest text that reads back to the same
/// `float` or `double` (`Infinity`, `-Infinity` for infinities); arrays as their elements separated by
/// single spaces, a missing element (of any array) as `NaN`; text as it is.
///
/// - **CSV**: lines end in CRLF; a cell holding a comma, a double quote, CR or LF is enclosed in double
///   quotes, with its double quotes doubled (`a "b"` → `"a ""b"""`).
/// - **TSV**: lines end in LF; no quoting: in every cell a backslash is written `\\`, a tab `\t`, a line
///   feed `\n` and a carriage return `\r` (the escapes of PostgreSQL's text COPY format), so a cell never
///   holds a tab or a line break.
///
/// The encoder checks nothing (``VOTableEncoder`` does): a row with fewer cells than fields is completed
/// with empty cells and extra cells are dropped.
public struct DelimitedTableEncoder: Sendable {
    /// The flavour of delimited text.
    public enum Style: Sendable {
        /// Comma-separated values, RFC 4180 (`text/csv`).
        case csv
        /// Tab-separated values (`text/tab-separated-values`).
        case tsv
    }

    private let fields: [VOTableField]
    private let style: Style

    /// An encoder for rows of `fields` in `style`.
    public init(fields: [VOTableField], style: Style) {
        self.fields = fields
        self.style = style
    }

    /// The header line: the field names.
    public func header() -> [UInt8] {
        var output: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(separator) }
            appendCell(field.name, to: &output)
        }
        output.append(contentsOf: lineEnd)
        return output
    }

    /// One line: a cell per field.
    public func encode(row: [VOTableValue]) -> [UInt8] {
        var output: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(separator) }
            let value = index < row.count ? row[index] : .null
            appendCell(text(of: value, datatype: field.datatype), to: &output)
        }
        output.append(contentsOf: lineEnd)
        return output
    }

    private var separator: UInt8 { style == .csv ? UInt8(ascii: ",") : UInt8(ascii: "\t") }
    private var lineEnd: [UInt8] { style == .csv ? [0x0D, 0x0A] : [0x0A] }

    private func text(of value: VOTableValue, datatype: VOTableDatatype) -> String {
        switch value {
        case .null: return ""
        case .boolean(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .double(let double): return double.isNaN ? "" : Self.number(double, datatype: datatype)
        case .text(let text): return text
        case .doubleArray(let elements):
            return elements.map { Self.number($0 ?? .nan, datatype: datatype) }.joined(separator: " ")
        case .integerArray(let elements):
            return elements.map { $0.map { String($0) } ?? "NaN" }.joined(separator: " ")
        }
    }

    /// `NaN`, `Infinity`, `-Infinity`, or the shortest round-trip text of `value` as a `float` (for
    /// `float` fields) or `double`.
    static func number(_ value: Double, datatype: VOTableDatatype) -> String {
        if value.isNaN { return "NaN" }
        let rounded = datatype == .float ? Double(Float(value)) : value
        if rounded.isInfinite { return rounded > 0 ? "Infinity" : "-Infinity" }
        return datatype == .float ? Float(value).description : value.description
    }

    private func appendCell(_ text: String, to output: inout [UInt8]) {
        switch style {
        case .csv:
            let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                output.append(contentsOf: text.utf8)
                return
            }
            output.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") { output.append(byte) }
                output.append(byte)
            }
            output.append(UInt8(ascii: "\""))
        case .tsv:
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: output.append(byte)
                }
            }
        }
    }
}
