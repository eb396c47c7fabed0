/// A field with its parsed shape, and the rule deciding which values it takes.
///
/// Both serializations check every cell through ``checked(_:row:)`` first, so TABLEDATA and BINARY2
/// accept and refuse the same values.
struct VOTableColumn: Sendable {
    let field: VOTableField
    /// Nil when `field.arraysize` is malformed (every row then fails, naming the field).
    let shape: VOTableShape?

    init(_ field: VOTableField) {
        self.field = field
        self.shape = VOTableShape(arraysize: field.arraysize)
    }

    /// The `VALUES null` sentinel written for nil elements of integer arrays: the smallest value of the
    /// type. Nil for scalar fields (their nulls are an empty TD or the BINARY2 null flag).
    var nullSentinel: Int64? {
        guard field.datatype.isInteger, shape?.isArray == true else { return nil }
        return field.datatype.integerRange?.lowerBound
    }

    /// `value` made ready to write: NaN becomes `.null`, integers in floating-point fields become
    /// doubles; anything the field cannot hold throws, naming `row` and the field.
    func checked(_ value: VOTableValue, row: Int) throws(VOTableError) -> VOTableValue {
        guard let shape else {
            throw fail(row, "arraysize '\(field.arraysize ?? "")' is not of the forms N, N*, *, AxB")
        }
        let datatype = field.datatype
        switch value {
        case .null:
            return .null
        case .boolean:
            guard datatype == .boolean, shape == .scalar else { throw mismatch(value, row) }
            return value
        case .integer(let integer):
            guard shape == .scalar else { throw mismatch(value, row) }
            if datatype.isFloatingPoint { return .double(Double(integer)) }
            guard let range = datatype.integerRange else { throw mismatch(value, row) }
            guard range.contains(integer) else {
                throw fail(row, "\(integer) is outside the range of \(datatype.rawValue) (\(range.lowerBound)...\(range.upperBound))")
            }
            return value
        case .double(let double):
            guard datatype.isFloatingPoint, shape == .scalar else { throw mismatch(value, row) }
            return double.isNaN ? .null : value
        case .text(let text):
            guard datatype.isText else { throw mismatch(value, row) }
            let length = datatype == .char ? text.utf8.count : text.utf16.count
            let unit = datatype == .char ? "UTF-8 bytes" : "UTF-16 code units"
            switch shape {
            case .scalar where length > 1:
                throw fail(row, "text of \(length) \(unit) in a single-character field (no arraysize; use \"*\")")
            case .fixed(let count) where length > count, .variable(maximum: .some(let count)) where length > count:
                throw fail(row, "text of \(length) \(unit) is longer than arraysize \(field.arraysize ?? "")")
            default:
                return value
            }
        case .integerArray(let elements):
            guard shape.isArray else { throw mismatch(value, row) }
            if datatype.isFloatingPoint {
                return try checkedCount(.doubleArray(elements.map { $0.map(Double.init) }), count: elements.count, row: row)
            }
            guard let range = datatype.integerRange else { throw mismatch(value, row) }
            for (index, element) in elements.enumerated() {
                if let element, !range.contains(element) || element == nullSentinel {
                    throw fail(row, "element \(index + 1), \(element), is outside the range of \(datatype.rawValue) less its null value \(range.lowerBound)")
                }
            }
            return try checkedCount(value, count: elements.count, row: row)
        case .doubleArray(let elements):
            guard shape.isArray, datatype.isFloatingPoint else { throw mismatch(value, row) }
            return try checkedCount(value, count: elements.count, row: row)
        }
    }

    private func checkedCount(_ value: VOTableValue, count: Int, row: Int) throws(VOTableError) -> VOTableValue {
        switch shape {
        case .fixed(let expected) where count != expected:
            throw fail(row, "array of \(count) elements where arraysize \(field.arraysize ?? "") needs \(expected)")
        case .variable(maximum: .some(let maximum)) where count > maximum:
            throw fail(row, "array of \(count) elements is longer than arraysize \(field.arraysize ?? "")")
        default:
            return value
        }
    }

    private func mismatch(_ value: VOTableValue, _ row: Int) -> VOTableError {
        let kind: String
        switch value {
        case .null: kind = "null"
        case .boolean: kind = "a boolean"
        case .integer: kind = "an integer"
        case .double: kind = "a double"
        case .text: kind = "text"
        case .doubleArray: kind = "a double array"
        case .integerArray: kind = "an integer array"
        }
        let shapeText = field.arraysize.map { " with arraysize \($0)" } ?? ""
        return fail(row, "\(kind) cannot be written in a \(field.datatype.rawValue) field\(shapeText)")
    }

    private func fail(_ row: Int, _ detail: String) -> VOTableError {
        VOTableError(.invalidValue, row: row, field: field.name, detail: detail)
    }
}
