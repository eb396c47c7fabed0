import Foundation

/// The value of a TABLEDATA cell (`TD` text) in a column (VOTable 1.4 §5.1).
///
/// An empty cell is null (for text too: TABLEDATA cannot tell an empty string from null). Booleans:
/// `T`/`t`/`1`/`true` and `F`/`f`/`0`/`false` in any case, `?` null. Integers: decimal or `0x` hex; the
/// field's `VALUES null` is null. Floating point: `NaN` is null; `Inf`, `+Inf`, `-Inf`, `Infinity`
/// accepted. Arrays: elements separated by whitespace; a NaN or `VALUES null` element is nil. Text is
/// kept exactly (no trimming); everything else is trimmed of whitespace first.
enum VOTableCellParser {
    /// The value of `text` in `column`; `row` (1-based) names the row in errors.
    static func value(_ text: String, column: VOTableSourceColumn, row: Int) throws(VOTableError) -> VOTableValue {
        let source = column.source
        if source.isText { return text.isEmpty ? .null : .text(text) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .null }
        if column.shape.isArray {
            let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
            if source.isFloatingPoint {
                var elements: [Double?] = []
                elements.reserveCapacity(parts.count)
                for part in parts {
                    guard let parsed = double(part) else { throw notA(source, part, column, row) }
                    let number = source == .float ? Double(Float(parsed)) : parsed
                    elements.append(number.isNaN ? nil : number)
                }
                return .doubleArray(elements)
            }
            var elements: [Int64?] = []
            elements.reserveCapacity(parts.count)
            for part in parts {
                guard let number = integer(part) else { throw notA(source, part, column, row) }
                elements.append(number == column.nullInteger ? nil : number)
            }
            return .integerArray(elements)
        }
        switch source {
        case .boolean, .bit:
            switch trimmed.lowercased() {
            case "t", "1", "true": return .boolean(true)
            case "f", "0", "false": return .boolean(false)
            case "?": return .null
            default: throw notA(source, trimmed, column, row)
            }
        case .unsignedByte, .short, .int, .long:
            guard let number = integer(trimmed) else { throw notA(source, trimmed, column, row) }
            return number == column.nullInteger ? .null : .integer(number)
        default:
            guard let parsed = double(trimmed) else { throw notA(source, trimmed, column, row) }
            // A float field's text is a float: "4000.37" means Float(4000.37), as in BINARY.
            let number = source == .float ? Double(Float(parsed)) : parsed
            return number.isNaN ? .null : .double(number)
        }
    }

    /// A decimal or `0x` hexadecimal integer (optionally signed), or nil.
    static func integer(_ text: String) -> Int64? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            guard let magnitude = UInt64(body.dropFirst(2), radix: 16) else { return nil }
            // Hexadecimal is a bit pattern: 0xFFFF... is -1 for a long.
            let pattern = Int64(bitPattern: magnitude)
            return negative ? pattern.multipliedReportingOverflow(by: -1).partialValue : pattern
        }
        return Int64(text.trimmingCharacters(in: .whitespaces))
    }

    /// A floating-point number, accepting `NaN`, `Inf`, `+Inf`, `-Inf`, `Infinity` in any case; or nil.
    static func double(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(text)
        }
    }

    private static func notA(_ source: VOTableSourceColumn.SourceType, _ text: String, _ column: VOTableSourceColumn, _ row: Int) -> VOTableError {
        VOTableError(.invalidDocument, row: row, field: column.field.name, detail: "'\(text.prefix(80))' is not a \(source.rawValue)")
    }
}
