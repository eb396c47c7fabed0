/// Rows as BINARY2 bytes (VOTable 1.4 §5.3), before base64.
///
/// Each row starts with its null flags, one bit per field, most significant bit first, in
/// ⌈fields/8⌉ bytes (a set bit: the cell is null). Each cell follows, big-endian: `boolean` one byte
/// `T`/`F` (`?` when null); `short` 2, `int` 4, `long` 8, `float` 4, `double` 8 bytes (a null writes
/// 0 or NaN after its flag); `char` UTF-8 bytes and `unicodeChar` UTF-16 code units (2 bytes each).
/// A variable cell (`arraysize` `*`, `N*`) is a 4-byte element count then its elements (a null one has
/// count 0); a fixed one (`N`) is always N elements, text padded with NUL.
enum VOTableBinary2Writer {
    /// Appends one row of already checked values (``VOTableColumn/checked(_:row:)``).
    static func appendRow(_ values: [VOTableValue], columns: [VOTableColumn], to output: inout [UInt8]) {
        let flagStart = output.count
        output.append(contentsOf: repeatElement(0, count: (columns.count + 7) / 8))
        for (index, (value, column)) in zip(values, columns).enumerated() {
            if case .null = value {
                output[flagStart + index / 8] |= 0x80 >> UInt8(index % 8)
            }
            appendCell(value, column: column, to: &output)
        }
    }

    private static func appendCell(_ value: VOTableValue, column: VOTableColumn, to output: inout [UInt8]) {
        let datatype = column.field.datatype
        let shape = column.shape ?? .scalar
        switch value {
        case .null:
            switch shape {
            case .scalar: appendFiller(datatype, count: 1, to: &output)
            case .fixed(let count): appendFiller(datatype, count: count, to: &output)
            case .variable: appendCount(0, to: &output)
            }
        case .boolean(let flag):
            output.append(flag ? UInt8(ascii: "T") : UInt8(ascii: "F"))
        case .integer(let integer):
            appendInteger(integer, datatype: datatype, to: &output)
        case .double(let double):
            appendReal(double, datatype: datatype, to: &output)
        case .text(let text):
            appendText(text, datatype: datatype, shape: shape, to: &output)
        case .doubleArray(let elements):
            if case .variable = shape { appendCount(elements.count, to: &output) }
            for element in elements { appendReal(element ?? .nan, datatype: datatype, to: &output) }
        case .integerArray(let elements):
            if case .variable = shape { appendCount(elements.count, to: &output) }
            let sentinel = column.nullSentinel ?? 0
            for element in elements { appendInteger(element ?? sentinel, datatype: datatype, to: &output) }
        }
    }

    private static func appendText(_ text: String, datatype: VOTableDatatype, shape: VOTableShape, to output: inout [UInt8]) {
        if datatype == .char {
            let bytes = text.utf8
            switch shape {
            case .scalar: output.append(bytes.first ?? 0)
            case .fixed(let count):
                output.append(contentsOf: bytes)
                output.append(contentsOf: repeatElement(0, count: count - bytes.count))
            case .variable:
                appendCount(bytes.count, to: &output)
                output.append(contentsOf: bytes)
            }
        } else {
            let units = text.utf16
            switch shape {
            case .scalar: appendUnit(units.first ?? 0, to: &output)
            case .fixed(let count):
                for unit in units { appendUnit(unit, to: &output) }
                output.append(contentsOf: repeatElement(0, count: 2 * (count - units.count)))
            case .variable:
                appendCount(units.count, to: &output)
                for unit in units { appendUnit(unit, to: &output) }
            }
        }
    }

    private static func appendFiller(_ datatype: VOTableDatatype, count: Int, to output: inout [UInt8]) {
        for _ in 0..<count {
            switch datatype {
            case .boolean: output.append(UInt8(ascii: "?"))
            case .float, .double: appendReal(.nan, datatype: datatype, to: &output)
            default: output.append(contentsOf: repeatElement(0, count: datatype.elementSize))
            }
        }
    }

    private static func appendInteger(_ value: Int64, datatype: VOTableDatatype, to output: inout [UInt8]) {
        switch datatype {
        case .short: appendBigEndian(UInt64(UInt16(truncatingIfNeeded: value)), bytes: 2, to: &output)
        case .int: appendBigEndian(UInt64(UInt32(truncatingIfNeeded: value)), bytes: 4, to: &output)
        default: appendBigEndian(UInt64(bitPattern: value), bytes: 8, to: &output)
        }
    }

    private static func appendReal(_ value: Double, datatype: VOTableDatatype, to output: inout [UInt8]) {
        if datatype == .float {
            appendBigEndian(UInt64(Float(value).bitPattern), bytes: 4, to: &output)
        } else {
            appendBigEndian(value.bitPattern, bytes: 8, to: &output)
        }
    }

    private static func appendUnit(_ unit: UInt16, to output: inout [UInt8]) {
        appendBigEndian(UInt64(unit), bytes: 2, to: &output)
    }

    private static func appendCount(_ count: Int, to output: inout [UInt8]) {
        appendBigEndian(UInt64(UInt32(truncatingIfNeeded: count)), bytes: 4, to: &output)
    }

    private static func appendBigEndian(_ value: UInt64, bytes: Int, to output: inout [UInt8]) {
        var shift = (bytes - 1) * 8
        while shift >= 0 {
            output.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            shift -= 8
        }
    }
}
