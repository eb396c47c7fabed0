/// A byte in a header card that FITS does not allow (only printable ASCII, 0x20-0x7E, is legal).
public struct HeaderIrregularity: Sendable, Equatable {
    /// 1-based number of the card (80-byte record) in its header.
    public var card: Int
    /// The card's keyword as parsed (may itself hold the replacement character).
    public var key: String
    /// The first offending byte.
    public var byte: UInt8
    /// 0-based column of that byte in the card (0-7: keyword field).
    public var column: Int

    /// A NUL byte (removed from the parsed card) rather than a non-ASCII one.
    public var isNUL: Bool { byte == 0 }

    /// What was found and what was done, e.g. `non-ASCII byte 0xE9 in card 12 (keyword ORIGIN), read as U+FFFD`.
    public var note: String {
        isNUL ? "NUL byte in card \(card) (keyword \(key)) removed"
              : "non-ASCII byte \(FITSError.hex(byte)) in card \(card) (keyword \(key)), read as U+FFFD"
    }
}

/// The header of one HDU as ordered cards, with keyword lookup and a JSON rendering.
///
/// Long strings continued over `CONTINUE` cards (the `&` convention) are merged into one card.
/// Cards are parsed from their bytes, 80 to a card, so a byte that is not valid UTF-8 never shifts the
/// cards after it: such a byte reads as U+FFFD and a NUL byte is removed, and each is recorded in
/// ``irregularities``.
public struct FITSHeader: Sendable, Equatable {
    /// Cards in file order, without `END`.
    public private(set) var cards: [HeaderCard]
    /// 1-based number of the 80-byte record each card starts at (parallel to ``cards``).
    public private(set) var cardNumbers: [Int]
    /// Cards holding bytes outside printable ASCII, in card order (one entry per card: its first such byte).
    public private(set) var irregularities: [HeaderIrregularity] = []
    /// Number of 80-byte records read (`END` excluded), counting `CONTINUE` cards.
    public private(set) var recordCount = 0
    /// First index of each keyword, as written and upper-cased.
    private var index: [String: Int]

    /// A header from cards in order.
    public init(cards: [HeaderCard] = []) {
        self.cards = []
        self.cardNumbers = []
        self.index = [:]
        for card in cards { append(card) }
    }

    /// Parses concatenated 80-character card images (as CFITSIO's `ffhdr2str` returns them).
    public init(cardImages text: String) {
        self.init(cardImageBytes: Array(text.utf8))
    }

    /// Parses concatenated 80-byte card images, byte by byte (see the type's discussion).
    public init<Bytes: Collection<UInt8>>(cardImageBytes raw: Bytes) {
        self.init()
        let bytes = Array(raw)
        var start = 0
        while start < bytes.count {
            let end = min(start + 80, bytes.count)
            var record = bytes[start..<end]
            let number = start / 80 + 1
            start = end
            let offending = record.firstIndex { $0 < 0x20 || $0 > 0x7E }
            if offending != nil, record.contains(0) { record = ArraySlice(record.filter { $0 != 0 }) }
            guard let card = HeaderCard.parse(bytes: record) else { break }
            recordCount = number
            if let offending {
                irregularities.append(HeaderIrregularity(card: number, key: card.key, byte: bytes[offending],
                                                         column: offending - (number - 1) * 80))
            }
            if card.key == "CONTINUE", let last = cards.last, case .string(let s) = last.value, s.hasSuffix("&") {
                let field = record.dropFirst(8)
                if case (.string(let more), let comment) = HeaderCard.parseValueField(field) {
                    var merged = last
                    merged.value = .string(String(s.dropLast()) + more)
                    if !comment.isEmpty { merged.comment += merged.comment.isEmpty ? comment : " " + comment }
                    cards[cards.count - 1] = merged
                    continue
                }
            }
            append(card, number: number)
        }
    }

    /// The 1-based card number of the first card with this keyword (case-insensitive), or `nil`.
    public func cardNumber(_ key: String) -> Int? {
        guard let i = index[key] ?? index[key.uppercased()] else { return nil }
        return cardNumbers[i]
    }

    /// The irregularity recorded for the card holding `key`, if any.
    public func irregularity(of key: String) -> HeaderIrregularity? {
        guard let number = cardNumber(key) else { return nil }
        return irregularities.first { $0.card == number }
    }

    /// Appends a card (a repeated keyword keeps its first occurrence for lookup).
    public mutating func append(_ card: HeaderCard) {
        append(card, number: (cardNumbers.last ?? 0) + 1)
    }

    private mutating func append(_ card: HeaderCard, number: Int) {
        cardNumbers.append(number)
        if !card.isCommentary, index[card.key] == nil {
            index[card.key] = cards.count
            if card.key.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
                let upper = card.key.uppercased()
                if index[upper] == nil { index[upper] = cards.count }
            }
        }
        cards.append(card)
    }

    /// The first card with this keyword (case-insensitive), or `nil`.
    public subscript(key: String) -> HeaderCard? {
        guard let i = index[key] ?? index[key.uppercased()] else { return nil }
        return cards[i]
    }

    /// The value of the first card with this keyword; `nil` when absent or `undefined`.
    public func value(_ key: String) -> HeaderValue? {
        guard let card = self[key], card.value != .undefined else { return nil }
        return card.value
    }

    /// Whether a card with this keyword exists.
    public func contains(_ key: String) -> Bool { self[key] != nil }

    /// The header as a JSON object (valid JSON, suitable for a PostgreSQL `jsonb` column).
    ///
    /// Keys in card order, each keyword once (its first occurrence); `COMMENT` and `HISTORY` become
    /// arrays of strings; blank-keyword cards are dropped. Integers and finite reals are numbers,
    /// non-finite reals and undefined values are `null`, logicals are `true`/`false`.
    public var jsonString: String {
        var out = "{"
        var seen = Set<String>()
        var first = true
        for card in cards where !card.key.isEmpty && !seen.contains(card.key) {
            seen.insert(card.key)
            if !first { out += "," }
            first = false
            out += JSONText.quoted(card.key) + ":"
            if card.key == "COMMENT" || card.key == "HISTORY" {
                let texts = cards.filter { $0.key == card.key }.map { JSONText.quoted($0.comment) }
                out += "[" + texts.joined(separator: ",") + "]"
            } else {
                out += JSONText.render(card.value)
            }
        }
        return out + "}"
    }
}

/// Minimal JSON text rendering for header values.
enum JSONText {
    static func render(_ value: HeaderValue) -> String {
        switch value {
        case .int(let v): return String(v)
        case .double(let d): return d.isFinite ? number(d) : "null"
        case .string(let s): return quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .undefined: return "null"
        }
    }

    /// A finite double as a JSON number (shortest round-trip digits).
    static func number(_ d: Double) -> String {
        var s = "\(d)"
        if s.hasSuffix(".0") && abs(d) < 1e15 { s.removeLast(2) }
        return s
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}": out += "\u{FFFD}"  // jsonb cannot hold \u0000
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
