/// The typed value of a FITS header card.
///
/// Parsed leniently: `T`/`F` are booleans, integer literals are `int` (falling back to `double` when they
/// overflow 64 bits), reals accept `E` or `D` exponents and the non-standard `NaN`/`Inf` spellings some
/// writers emit, quoted text is `string` (with `''` unescaped and trailing blanks removed), an empty value
/// is `undefined`, and anything else (complex numbers, unquoted words) is kept as `string` of its raw text.
public enum HeaderValue: Sendable, Equatable {
    /// An integer literal.
    case int(Int64)
    /// A real (possibly non-finite when a writer emitted `NaN`/`Inf`).
    case double(Double)
    /// Quoted text (or unparseable raw text).
    case string(String)
    /// A logical, `T` or `F`.
    case bool(Bool)
    /// No value after `=` (and commentary cards).
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
        parse(bytes: ArraySlice(record.utf8))
    }

    /// Byte-level parse of one card image (see ``parse(_:)``).
    static func parse(bytes chars: ArraySlice<UInt8>) -> HeaderCard? {
        let start = chars.startIndex
        let keyEnd = min(chars.endIndex, start + 8)
        let keyField = ByteText.string(ByteText.trimmed(chars[start..<keyEnd]))
        if keyField == "END" { return nil }
        if keyField == "HIERARCH", let eq = chars.firstIndex(of: UInt8(ascii: "=")) {
            let name = ByteText.string(ByteText.trimmed(chars[keyEnd..<eq]))
            let (value, comment) = parseValueField(chars[(eq + 1)...])
            return HeaderCard(name, value, comment: comment)
        }
        // Lenient: `=` in column 9 marks a value even when column 10 is not a blank.
        let hasValue = chars.count >= 9 && chars[start + 8] == UInt8(ascii: "=")
        if hasValue && keyField != "COMMENT" && keyField != "HISTORY" && !keyField.isEmpty {
            let (value, comment) = parseValueField(chars[(start + 9)...])
            return HeaderCard(keyField, value, comment: comment)
        }
        let rest = chars[keyEnd...]
        let text = keyField == "CONTINUE" ? ByteText.trimmed(rest) : ByteText.trimmedTrailing(rest)
        return HeaderCard(keyField, .undefined, comment: ByteText.string(text))
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
            let value = ByteText.string(ByteText.trimmedTrailing(text[...]))
            return (.string(value), commentText(rest))
        }
        let slash = field[i...].firstIndex(of: UInt8(ascii: "/")) ?? field.endIndex
        let token = ByteText.string(ByteText.trimmed(field[i..<slash]))
        return (parseToken(token), commentText(field[slash...]))
    }

    private static func commentText(_ rest: ArraySlice<UInt8>) -> String {
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return ByteText.string(ByteText.trimmed(rest[(slash + 1)...]))
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

/// Byte-level trimming of card text (blanks and NULs), faster than `Character` iteration.
enum ByteText {
    @inline(__always)
    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0 }

    static func trimmedTrailing(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = bytes.endIndex
        while end > bytes.startIndex, isBlank(bytes[end - 1]) { end -= 1 }
        return bytes[bytes.startIndex..<end]
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let tail = trimmedTrailing(bytes)
        var start = tail.startIndex
        while start < tail.endIndex, isBlank(tail[start]) { start += 1 }
        return tail[start..<tail.endIndex]
    }

    @inline(__always)
    static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
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
