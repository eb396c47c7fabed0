import Foundation
import CFITSIO

extension FITSFile {
    /// Keywords CFITSIO writes itself for an HDU's structure; ``writeCards(_:)`` skips them.
    static let structuralKeywords: Set<String> = [
        "SIMPLE", "BITPIX", "NAXIS", "EXTEND", "XTENSION", "PCOUNT", "GCOUNT", "TFIELDS", "END", "CONTINUE",
    ]

    /// Whether a keyword describes structure (`NAXISn`, `TTYPEn`, `TFORMn`, ...) and must not be copied.
    static func isStructural(_ key: String) -> Bool {
        if structuralKeywords.contains(key) { return true }
        for prefix in ["NAXIS", "TTYPE", "TFORM", "TDIM", "TUNIT", "TNULL", "TSCAL", "TZERO", "TBCOL"]
        where key.hasPrefix(prefix) && key.dropFirst(prefix.count).allSatisfy(\.isNumber) {
            return true
        }
        return false
    }

    /// Writes cards to the current HDU's header, in order, skipping structural keywords.
    ///
    /// Reals are written with the shortest digits that read back to the same `Double` (upper-case `E`
    /// exponent); non-finite reals are written as the unquoted token `NaN`/`Inf`/`-Inf` (not standard
    /// FITS, but read back by this module). Strings longer than 68 characters use `CONTINUE` cards.
    public func writeCards(_ cards: [HeaderCard]) throws(FITSError) {
        for card in cards where !Self.isStructural(card.key) {
            try writeCard(card)
        }
    }

    /// Writes one card to the current HDU's header (appending; a repeated keyword is written again).
    public func writeCard(_ card: HeaderCard) throws(FITSError) {
        let handle = try fptr()
        var status: Int32 = 0
        let comment: String? = card.comment.isEmpty ? nil : card.comment
        switch card.value {
        case _ where card.isCommentary:
            if card.key == "HISTORY" { ffphis(handle, card.comment, &status) }
            else if card.key == "COMMENT" { ffpcom(handle, card.comment, &status) }
            else { ffprec(handle, Self.pad("        " + card.comment), &status) }
        case .int(let v): ffpkyj(handle, card.key, v, comment, &status)
        case .bool(let b): ffpkyl(handle, card.key, b ? 1 : 0, comment, &status)
        case .undefined: ffpkyu(handle, card.key, comment, &status)
        case .string(let s):
            if s.utf8.count > 68 { ffpkls(handle, card.key, s, comment, &status) }
            else { ffpkys(handle, card.key, s, comment, &status) }
        case .double(let d):
            ffprec(handle, Self.realCard(key: card.key, value: d, comment: card.comment), &status)
        }
        try check(status)
    }

    /// An 80-character card image for a real value, value right-justified in columns 11-30.
    static func realCard(key: String, value: Double, comment: String) -> String {
        let token = realToken(value)
        var card: String
        if key.count > 8 {
            card = "HIERARCH \(key) = \(token)"
        } else {
            let padded = key.padding(toLength: 8, withPad: " ", startingAt: 0)
            let field = String(repeating: " ", count: max(0, 20 - token.count)) + token
            card = padded + "= " + field
        }
        if !comment.isEmpty { card += " / " + comment }
        return pad(card)
    }

    /// FITS text for a real: shortest round-trip digits, a decimal point, upper-case `E`.
    static func realToken(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        let text = "\(value)"
        let parts = text.split(separator: "e", maxSplits: 1)
        var mantissa = String(parts[0])
        if !mantissa.contains(".") { mantissa += ".0" }
        if parts.count == 2 { return mantissa + "E" + parts[1] }
        return mantissa
    }

    /// Pads (or cuts) a card image to 80 characters.
    static func pad(_ card: String) -> String {
        let bytes = Array(card.utf8.prefix(80))
        return String(decoding: bytes, as: UTF8.self).padding(toLength: 80, withPad: " ", startingAt: 0)
    }
}
