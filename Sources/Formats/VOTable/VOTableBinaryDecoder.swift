/// Rows from the decoded bytes of a BINARY or BINARY2 stream (VOTable 1.4 §5.2-5.3).
///
/// BINARY2 rows start with null flags (one bit per field, most significant bit first); a set flag
/// makes the cell null whatever its bytes. Without flags (BINARY), and in BINARY2 as well, NaN
/// floating-point scalars, an integer equal to the field's `VALUES null`, and a boolean byte of `?`,
/// space or NUL are null; BINARY text that is empty is null (as in TABLEDATA), BINARY2 text is null
/// only by its flag. Booleans: `T`/`t`/`1` true, `F`/`f`/`0` false; a scalar `bit` is true when its
/// byte is not 0. Fixed-length and single-character text ends at its first NUL. `char` bytes are read as UTF-8 (invalid
/// bytes become U+FFFD), `unicodeChar` as UTF-16 big-endian.
struct VOTableBinaryDecoder {
    let columns: [VOTableSourceColumn]
    let hasNullFlags: Bool
    /// The number of rows read before this stream (rows are numbered from `firstRow + 1`).
    let firstRow: Int

    private struct Cursor {
        let bytes: [UInt8]
        var offset = 0
        var remaining: Int { bytes.count - offset }
    }

    /// Every row of `bytes`; throws when the stream ends inside a row or a cell cannot be decoded.
    func rows(_ bytes: [UInt8]) throws(VOTableError) -> [[VOTableValue]] {
        guard !columns.isEmpty else {
            guard bytes.isEmpty else { throw VOTableError(.invalidDocument, detail: "a stream of \(bytes.count) bytes for a table without fields") }
            return []
        }
        var cursor = Cursor(bytes: bytes)
        var rows: [[VOTableValue]] = []
        let flagBytes = hasNullFlags ? (columns.count + 7) / 8 : 0
        while cursor.remaining > 0 {
            let row = firstRow + rows.count + 1
            let flags = try take(flagBytes, &cursor, row: row, field: nil)
            var values: [VOTableValue] = []
            values.reserveCapacity(columns.count)
            for (index, column) in columns.enumerated() {
                let value = try cell(column, &cursor, row: row)
                let isFlagged = hasNullFlags && flags[index / 8] & (0x80 >> UInt8(index % 8)) != 0
                values.append(isFlagged ? .null : value)
            }
            rows.append(values)
        }
        return rows
    }

    private func cell(_ column: VOTableSourceColumn, _ cursor: inout Cursor, row: Int) throws(VOTableError) -> VOTableValue {
        let name = column.field.name
        let count: Int
        switch column.shape {
        case .scalar: count = 1
        case .fixed(let fixed): count = fixed
        case .variable:
            let prefix = try take(4, &cursor, row: row, field: name)
            count = Int(bigEndian(prefix[...]))
        }
        let source = column.source
        let bytes = try take(count * source.elementSize, &cursor, row: row, field: name)
        switch source {
        case .char:
            var text = bytes[...]
            if case .variable = column.shape {} else if let end = text.firstIndex(of: 0) { text = text[..<end] }
            return textValue(String(decoding: text, as: UTF8.self))
        case .unicodeChar:
            var units: [UInt16] = []
            units.reserveCapacity(count)
            for index in 0..<count {
                units.append(UInt16(bytes[2 * index]) << 8 | UInt16(bytes[2 * index + 1]))
            }
            if case .variable = column.shape {} else if let end = units.firstIndex(of: 0) { units.removeSubrange(end...) }
            return textValue(String(decoding: units, as: UTF16.self))
        case .boolean:
            switch bytes[0] {
            case UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "1"): return .boolean(true)
            case UInt8(ascii: "F"), UInt8(ascii: "f"), UInt8(ascii: "0"): return .boolean(false)
            case UInt8(ascii: "?"), UInt8(ascii: " "), 0: return .null
            default: throw VOTableError(.invalidDocument, row: row, field: name, detail: "byte 0x\(String(bytes[0], radix: 16)) is not a boolean")
            }
        case .bit:
            return .boolean(bytes[0] != 0)
        case .unsignedByte, .short, .int, .long:
            var elements: [Int64?] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                let element = integer(bytes[(index * source.elementSize)..<((index + 1) * source.elementSize)], source)
                elements.append(element == column.nullInteger ? nil : element)
            }
            if column.shape.isArray { return .integerArray(elements) }
            return elements[0].map { .integer($0) } ?? .null
        case .float, .double:
            var elements: [Double?] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                let pattern = bigEndian(bytes[(index * source.elementSize)..<((index + 1) * source.elementSize)])
                let element = source == .float ? Double(Float(bitPattern: UInt32(pattern))) : Double(bitPattern: pattern)
                elements.append(element.isNaN ? nil : element)
            }
            if column.shape.isArray { return .doubleArray(elements) }
            return elements[0].map { .double($0) } ?? .null
        }
    }

    private func textValue(_ text: String) -> VOTableValue {
        text.isEmpty && !hasNullFlags ? .null : .text(text)
    }

    private func integer(_ bytes: ArraySlice<UInt8>, _ source: VOTableSourceColumn.SourceType) -> Int64 {
        let pattern = bigEndian(bytes)
        switch source {
        case .unsignedByte: return Int64(pattern)
        case .short: return Int64(Int16(truncatingIfNeeded: pattern))
        case .int: return Int64(Int32(truncatingIfNeeded: pattern))
        default: return Int64(bitPattern: pattern)
        }
    }

    private func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    private func take(_ count: Int, _ cursor: inout Cursor, row: Int, field: String?) throws(VOTableError) -> [UInt8] {
        guard count <= cursor.remaining else {
            throw VOTableError(.invalidDocument, row: row, field: field,
                               detail: "the stream ends inside the row (\(count) bytes needed, \(cursor.remaining) left)")
        }
        let slice = Array(cursor.bytes[cursor.offset..<(cursor.offset + count)])
        cursor.offset += count
        return slice
    }
}
