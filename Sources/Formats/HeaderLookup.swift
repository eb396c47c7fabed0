/// Typed, throwing keyword access over one or more headers (first header that has the key wins),
/// naming the file and HDU in every error.
struct HeaderLookup {
    var headers: [(header: FITSHeader, hdu: Int)]
    var file: String

    private func find(_ key: String) -> (HeaderValue, Int)? {
        for (header, hdu) in headers {
            if let value = header.value(key) { return (value, hdu) }
        }
        return nil
    }

    /// A required finite real. Throws `.missingKeyword`, `.invalidKeyword` or `.nonFiniteKeyword`.
    func requiredDouble(_ key: String) throws(FITSError) -> Double {
        guard let (value, hdu) = find(key) else { throw .missingKeyword(key, file: file, hdu: headers.first?.hdu ?? 0) }
        guard let number = value.doubleValue ?? value.stringValue.flatMap({ Double($0.trimmingSpaces()) }) else {
            throw .invalidKeyword(key, value: Self.text(value), file: file, hdu: hdu)
        }
        guard number.isFinite else { throw .nonFiniteKeyword(key, file: file, hdu: hdu) }
        return number
    }

    /// A required integer (an integral real such as `55862.0` is accepted).
    func requiredInt(_ key: String) throws(FITSError) -> Int64 {
        guard let (value, hdu) = find(key) else { throw .missingKeyword(key, file: file, hdu: headers.first?.hdu ?? 0) }
        if let d = value.doubleValue, !d.isFinite { throw .nonFiniteKeyword(key, file: file, hdu: hdu) }
        guard let number = value.intValue ?? value.stringValue.flatMap({ Int64($0.trimmingSpaces()) }) else {
            throw .invalidKeyword(key, value: Self.text(value), file: file, hdu: hdu)
        }
        return number
    }

    /// A required non-empty string (numbers are turned into their text).
    func requiredString(_ key: String) throws(FITSError) -> String {
        guard let (value, hdu) = find(key) else { throw .missingKeyword(key, file: file, hdu: headers.first?.hdu ?? 0) }
        let text = Self.text(value).trimmingSpaces()
        guard !text.isEmpty else { throw .invalidKeyword(key, value: text, file: file, hdu: hdu) }
        return text
    }

    /// An optional real: `nil` when absent, not numeric, non-finite, or equal to a sentinel (-9999, -999).
    func optionalDouble(_ key: String) -> Double? {
        guard let (value, _) = find(key) else { return nil }
        guard let number = value.doubleValue ?? value.stringValue.flatMap({ Double($0.trimmingSpaces()) }),
              number.isFinite, number != -9999, number != -999 else { return nil }
        return number
    }

    /// An optional integer: `nil` when absent or not integral.
    func optionalInt(_ key: String) -> Int64? {
        guard let (value, _) = find(key) else { return nil }
        return value.intValue ?? value.stringValue.flatMap { Int64($0.trimmingSpaces()) }
    }

    /// An optional string, trimmed; `nil` when absent or blank.
    func optionalString(_ key: String) -> String? {
        guard let (value, _) = find(key) else { return nil }
        let text = Self.text(value).trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    static func text(_ value: HeaderValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let v): return String(v)
        case .double(let d): return FITSFile.realToken(d)
        case .bool(let b): return b ? "T" : "F"
        case .undefined: return ""
        }
    }
}
