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

    /// The 1-based card number of `key` in the header it is read from.
    func cardNumber(_ key: String) -> Int? {
        for (header, _) in headers where header.value(key) != nil { return header.cardNumber(key) }
        return nil
    }

    /// Notes for every card holding a byte FITS does not allow (the reader kept the file).
    var irregularityNotes: [String] {
        headers.flatMap { header, hdu in header.irregularities.map { (hdu == 0 ? "" : "HDU \(hdu): ") + $0.note } }
    }

    /// `.missingKeyword`, or `.nonASCIIByte` when a card's keyword field holds a non-ASCII byte (the
    /// keyword may be the one garbled).
    private func missing(_ key: String) -> FITSError {
        for (header, hdu) in headers {
            if let bad = header.irregularities.first(where: { !$0.isNUL && $0.column < 8 }) {
                return .nonASCIIByte(key: bad.key, card: bad.card, byte: bad.byte, file: file, hdu: hdu)
            }
        }
        return .missingKeyword(key, file: file, hdu: headers.first?.hdu ?? 0)
    }

    /// `.invalidKeyword`, or `.nonASCIIByte` when the card holds a non-ASCII byte (the actual problem).
    private func invalid(_ key: String, _ value: HeaderValue, hdu: Int) -> FITSError {
        if let header = headers.first(where: { $0.hdu == hdu })?.header, let bad = header.irregularity(of: key), !bad.isNUL {
            return .nonASCIIByte(key: key, card: bad.card, byte: bad.byte, file: file, hdu: hdu)
        }
        return .invalidKeyword(key, value: Self.text(value), file: file, hdu: hdu)
    }

    /// A required finite real. Throws `.missingKeyword`, `.invalidKeyword`, `.nonFiniteKeyword` or
    /// `.nonASCIIByte`.
    func requiredDouble(_ key: String) throws(FITSError) -> Double {
        guard let (value, hdu) = find(key) else { throw missing(key) }
        guard let number = value.doubleValue ?? value.stringValue.flatMap({ Double($0.trimmingSpaces()) }) else {
            throw invalid(key, value, hdu: hdu)
        }
        guard number.isFinite else { throw .nonFiniteKeyword(key, file: file, hdu: hdu) }
        return number
    }

    /// A required integer (an integral real such as `55862.0` is accepted).
    func requiredInt(_ key: String) throws(FITSError) -> Int64 {
        guard let (value, hdu) = find(key) else { throw missing(key) }
        if let d = value.doubleValue, !d.isFinite { throw .nonFiniteKeyword(key, file: file, hdu: hdu) }
        guard let number = value.intValue ?? value.stringValue.flatMap({ Int64($0.trimmingSpaces()) }) else {
            throw invalid(key, value, hdu: hdu)
        }
        return number
    }

    /// A required non-empty string (numbers are turned into their text).
    func requiredString(_ key: String) throws(FITSError) -> String {
        guard let (value, hdu) = find(key) else { throw missing(key) }
        let text = Self.text(value).trimmingSpaces()
        guard !text.isEmpty else { throw invalid(key, value, hdu: hdu) }
        return text
    }

    /// An optional identifier that must be a positive integer when present: `nil` when absent or
    /// undefined. Throws `.unusableKeyword` for anything else (`'abc'`, `1.5`, `1e20`, `0`, `-5`).
    func optionalPositiveInt(_ key: String) throws(FITSError) -> Int64? {
        guard let (value, hdu) = find(key) else { return nil }
        let number = value.intValue ?? value.stringValue.flatMap { Int64($0.trimmingSpaces()) }
        if let number, number > 0, value.doubleValue.map({ abs($0) < 9.0e18 }) ?? true { return number }
        if let bad = headers.first(where: { $0.hdu == hdu })?.header.irregularity(of: key), !bad.isNUL {
            throw .nonASCIIByte(key: key, card: bad.card, byte: bad.byte, file: file, hdu: hdu)
        }
        throw .unusableKeyword(key, value: Self.text(value), expected: "a positive integer", card: cardNumber(key),
                               file: file, hdu: hdu)
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
