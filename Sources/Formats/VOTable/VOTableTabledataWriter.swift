/// Rows as TABLEDATA (VOTable 1.4 §5.1): `<TR><TD>...</TD></TR>`.
///
/// Null and NaN are `<TD/>`; booleans `T`/`F`; integers in decimal; floating point in the shortest text
/// that reads back to the same `float` or `double` (`+Inf`, `-Inf` for infinities); arrays as their
/// elements separated by single spaces, a missing element as `NaN` (floating point) or the field's
/// `VALUES null` sentinel (integers); text escaped by ``XMLEscaping``.
enum VOTableTabledataWriter {
    /// Appends one `TR` of already checked values (``VOTableColumn/checked(_:row:)``).
    static func appendRow(_ values: [VOTableValue], columns: [VOTableColumn], to output: inout [UInt8]) {
        output.append(contentsOf: rowStart)
        for (value, column) in zip(values, columns) {
            if case .null = value {
                output.append(contentsOf: emptyCell)
                continue
            }
            output.append(contentsOf: cellStart)
            appendText(of: value, column: column, to: &output)
            output.append(contentsOf: cellEnd)
        }
        output.append(contentsOf: rowEnd)
    }

    /// The text of a checked, non-null value.
    static func appendText(of value: VOTableValue, column: VOTableColumn, to output: inout [UInt8]) {
        switch value {
        case .null:
            break
        case .boolean(let flag):
            output.append(flag ? UInt8(ascii: "T") : UInt8(ascii: "F"))
        case .integer(let integer):
            output.append(contentsOf: String(integer).utf8)
        case .double(let double):
            output.append(contentsOf: number(double, datatype: column.field.datatype).utf8)
        case .text(let text):
            XMLEscaping.append(text, attribute: false, to: &output)
        case .doubleArray(let elements):
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: " ")) }
                output.append(contentsOf: number(element ?? .nan, datatype: column.field.datatype).utf8)
            }
        case .integerArray(let elements):
            let sentinel = column.nullSentinel ?? 0
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: " ")) }
                output.append(contentsOf: String(element ?? sentinel).utf8)
            }
        }
    }

    /// The shortest round-trip text of `value` as a `float` or `double`: `NaN`, `+Inf`, `-Inf` or
    /// Swift's shortest representation (`0.1`, `4800.5`, `1e-05`).
    static func number(_ value: Double, datatype: VOTableDatatype) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if datatype == .float {
            let single = Float(value)
            if single.isInfinite { return single > 0 ? "+Inf" : "-Inf" }
            return single.description
        }
        return value.description
    }

    private static let rowStart: [UInt8] = Array("<TR>".utf8)
    private static let rowEnd: [UInt8] = Array("</TR>\n".utf8)
    private static let cellStart: [UInt8] = Array("<TD>".utf8)
    private static let cellEnd: [UInt8] = Array("</TD>".utf8)
    private static let emptyCell: [UInt8] = Array("<TD/>".utf8)
}
