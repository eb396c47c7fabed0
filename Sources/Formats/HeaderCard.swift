/// The typed value of a FITS header card.
///
/// Parsed leniently: `T`/`F` are booleans, integer literals are `int` (falling back to `double` when they
/// overflow 64 bits), reals accept `E` or `D` exponents and the non-standard `NaN`/`Inf` spellings some
/// writers emit, quoted text is `string` (with `''` unescaped and trailing blanks removed), an empty value
/// is `undefined`, and anything else (complex numbers, unquoted words) is kept as `string` of its raw text.
public enum HeaderValue: Sendable, Equatable {
    case int(Int64)
    case double(Double)
    case string(String)
    case bool(Bool)
    case undefined

    /// The value as a `Double` when it is numeric (`int` or `double`), else `nil`.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        default: return nil
        }
    }

    /// The value as an integer when it is an `int`, or a finite `double` with an integral value in range.
    public var intValue: Int64? {
        switch self {
        case .int(let v): return v
        case .double(let v):
            guard v.isFinite, v == v.rounded(), abs(v) < 9.0e18 else { return nil }
            return Int64(v)
        default: return nil
        }
    }

    /// The text of a `string` value, else `nil`.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value of a `bool`, else `nil`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

/// One 80-character header card: keyword, typed value and comment.
///
/// Commentary cards (`COMMENT`, `HISTORY`, blank keyword) have value `undefined` and their text in `comment`.
public struct HeaderCard: Sendable, Equatable {
    /// Keyword, upper case as written (`HIERARCH` keys keep their full name without the `HIERARCH ` prefix).
    public var key: String
    /// Typed value (`undefined` for commentary cards and for keywords written without a value).
    public var value: HeaderValue
    /// Comment after `/`, or the text of a commentary card; empty when absent.
    public var comment: String

    /// A card with the given keyword, value and comment.
    public init(_ key: String, _ value: HeaderValue, comment: String = "") {
        self.key = key
        self.value = value
        self.comment = comment
    }

    /// Whether this is a `COMMENT`, `HISTORY` or blank-keyword card (no value, only text).
    public var isCommentary: Bool {
        key == "COMMENT" || key == "HISTORY" || key.isEmpty
    }

    /// Parses one card image (up to 80 characters; shorter is padded). Returns `nil` for `END`.
    /// Never fails: unparseable values are kept as raw strings.
    public static func parse(_ record: Substring) -> HeaderCard? {
        let chars = Array(record.utf8)
        let keyField = String(decoding: chars.prefix(8), as: UTF8.self).trimmingTrailingSpaces()
        if keyField == "END" { return nil }
        if keyField == "HIERARCH", let eq = chars.firstIndex(of: UInt8(ascii: "=")) {
            let name = String(decoding: chars[8..<eq], as: UTF8.self).trimmingSpaces()
            let (value, comment) = parseValueField(chars[(eq + 1)...])
            return HeaderCard(name, value, comment: comment)
        }
        // Lenient: `=` in column 9 marks a value even when column 10 is not a blank.
        let hasValue = chars.count >= 9 && chars[8] == UInt8(ascii: "=")
        if hasValue && keyField != "COMMENT" && keyField != "HISTORY" && !keyField.isEmpty {
            let (value, comment) = parseValueField(chars[min(chars.count, 9)...])
            return HeaderCard(keyField, value, comment: comment)
        }
        let text = chars.count > 8 ? String(decoding: chars[8...], as: UTF8.self).trimmingTrailingSpaces() : ""
        return HeaderCard(keyField, .undefined, comment: keyField == "CONTINUE" ? text.trimmingSpaces() : text)
    }

    /// Parses a value field (everything after `=`): value, then an optional `/ comment`.
    static func parseValueField(_ field: ArraySlice<UInt8>) -> (HeaderValue, String) {
        var i = field.startIndex
        while i < field.endIndex, field[i] == UInt8(ascii: " ") { i += 1 }
        if i < field.endIndex, field[i] == UInt8(ascii: "'") {
            var text: [UInt8] = []
            var j = i + 1
            while j < field.endIndex {
                if field[j] == UInt8(ascii: "'") {
                    if j + 1 < field.endIndex, field[j + 1] == UInt8(ascii: "'") {
                        text.append(UInt8(ascii: "'"))
                        j += 2
                        continue
                    }
                    break
                }
                text.append(field[j])
                j += 1
            }
            let rest = j < field.endIndex ? field[(j + 1)...] : []
            let value = String(decoding: text, as: UTF8.self).trimmingTrailingSpaces()
            return (.string(value), commentText(rest))
        }
        let slash = field[i...].firstIndex(of: UInt8(ascii: "/")) ?? field.endIndex
        let token = String(decoding: field[i..<slash], as: UTF8.self).trimmingSpaces()
        return (parseToken(token), commentText(field[slash...]))
    }

    private static func commentText(_ rest: ArraySlice<UInt8>) -> String {
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(decoding: rest[(slash + 1)...], as: UTF8.self).trimmingSpaces()
    }

    /// Types an unquoted value token.
    static func parseToken(_ token: String) -> HeaderValue {
        if token.isEmpty { return .undefined }
        if token == "T" { return .bool(true) }
        if token == "F" { return .bool(false) }
        if token.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 45 }),
           token.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) {
            if let v = Int64(token) { return .int(v) }
            if let d = Double(token) { return .double(d) }
        }
        let normalised = token.replacingDExponent()
        if let d = Double(normalised) { return .double(d) }
        return .string(token)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\0" { s = s.dropLast() }
        return String(s)
    }

    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\0" { s = s.dropLast() }
        return String(s)
    }

    /// `1.5D+03` -> `1.5E+03` (Fortran double exponents); leaves other text alone.
    fileprivate func replacingDExponent() -> String {
        guard contains("D") || contains("d") else { return self }
        let mapped = self.map { $0 == "D" || $0 == "d" ? "E" : $0 }
        return String(mapped)
    }
}
