/// The header of one HDU as ordered cards, with keyword lookup and a JSON rendering.
///
/// Long strings continued over `CONTINUE` cards (the `&` convention) are merged into one card.
public struct FITSHeader: Sendable, Equatable {
    /// Cards in file order, without `END`.
    public private(set) var cards: [HeaderCard]
    /// First index of each keyword, as written and upper-cased.
    private var index: [String: Int]

    /// A header from cards in order.
    public init(cards: [HeaderCard] = []) {
        self.cards = []
        self.index = [:]
        for card in cards { append(card) }
    }

    /// Parses concatenated 80-character card images (as CFITSIO's `ffhdr2str` returns them).
    public init(cardImages text: String) {
        self.init()
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + 80, bytes.count)
            let record = bytes[start..<end]
            start = end
            guard let card = HeaderCard.parse(bytes: record) else { break }
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
            append(card)
        }
    }

    /// Appends a card (a repeated keyword keeps its first occurrence for lookup).
    public mutating func append(_ card: HeaderCard) {
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
