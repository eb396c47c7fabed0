/// Splits ADQL text into tokens. Comments (`--` to the end of the line) and white space are skipped;
/// keywords are not recognised here (the parser compares words case-insensitively).
struct ADQLLexer {
    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) {
        characters = Array(text)
    }

    /// All tokens, ending with `.end`.
    static func tokens(_ text: String) throws(ADQLError) -> [ADQLToken] {
        var lexer = ADQLLexer(text)
        var tokens: [ADQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var position: ADQLPosition { ADQLPosition(line: line, column: column, offset: index) }

    private func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < characters.count ? characters[index + ahead] : nil
    }

    private mutating func advance() {
        if characters[index] == "\n" || characters[index] == "\r\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func next() throws(ADQLError) -> ADQLToken {
        skipSpaceAndComments()
        let start = position
        guard let c = peek() else { return ADQLToken(kind: .end, position: start) }
        if c.isLetter && c.isASCII {
            var word = ""
            while let d = peek(), d.isASCII, d.isLetter || d.isNumber || d == "_" {
                word.append(d)
                advance()
            }
            return ADQLToken(kind: .word(word), position: start)
        }
        if c == "\"" { return try delimited(start) }
        if c == "'" { return try string(start) }
        if c.isASCII && c.isNumber || (c == "." && (peek(1).map { $0.isASCII && $0.isNumber } ?? false)) {
            return try number(start)
        }
        let two = peek(1).map { String(c) + String($0) } ?? ""
        if ["<>", "!=", "<=", ">=", "||"].contains(two) {
            advance(); advance()
            return ADQLToken(kind: .symbol(two), position: start)
        }
        if "(),.*+-/=<>;".contains(c) {
            advance()
            return ADQLToken(kind: .symbol(String(c)), position: start)
        }
        throw ADQLError("unexpected character '\(c)'", at: start)
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c.isWhitespace {
                advance()
            } else if c == "-" && peek(1) == "-" {
                while let d = peek(), !(d == "\n" || d == "\r\n") { advance() }
            } else {
                return
            }
        }
    }

    private mutating func delimited(_ start: ADQLPosition) throws(ADQLError) -> ADQLToken {
        advance()
        var name = ""
        while true {
            guard let c = peek() else { throw ADQLError("unterminated delimited identifier", at: start) }
            advance()
            if c == "\"" {
                if peek() == "\"" { name.append("\""); advance() } else { break }
            } else if c == "\u{0}" {
                throw ADQLError("a delimited identifier cannot contain NUL", at: start)
            } else {
                name.append(c)
            }
        }
        if name.isEmpty { throw ADQLError("empty delimited identifier", at: start) }
        return ADQLToken(kind: .delimited(name), position: start)
    }

    private mutating func string(_ start: ADQLPosition) throws(ADQLError) -> ADQLToken {
        advance()
        var value = ""
        while true {
            guard let c = peek() else { throw ADQLError("unterminated string", at: start) }
            advance()
            if c == "'" {
                if peek() == "'" { value.append("'"); advance() } else { break }
            } else if c == "\u{0}" {
                throw ADQLError("a string cannot contain NUL", at: start)
            } else {
                value.append(c)
            }
        }
        return ADQLToken(kind: .string(value), position: start)
    }

    private mutating func number(_ start: ADQLPosition) throws(ADQLError) -> ADQLToken {
        func isDigit(_ c: Character?) -> Bool { c.map { $0.isASCII && $0.isNumber } ?? false }
        func isHex(_ c: Character?) -> Bool { c.map { $0.isHexDigit && $0.isASCII } ?? false }
        if peek() == "0", peek(1) == "x" || peek(1) == "X", isHex(peek(2)) {
            advance(); advance()
            var digits = ""
            while isHex(peek()), let d = peek() { digits.append(d); advance() }
            guard let value = Int64(digits, radix: 16) else {
                throw ADQLError("hexadecimal number 0x\(digits) is too large", at: start)
            }
            return ADQLToken(kind: .integer(value), position: start)
        }
        var text = ""
        var isReal = false
        while isDigit(peek()), let d = peek() { text.append(d); advance() }
        if peek() == ".", !(peek(1) == "." ) {
            isReal = true
            text.append("."); advance()
            while isDigit(peek()), let d = peek() { text.append(d); advance() }
        }
        if peek() == "e" || peek() == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if isDigit(peek(signed ? 2 : 1)) {
                isReal = true
                text.append("e"); advance()
                if signed, let s = peek() { text.append(s); advance() }
                while isDigit(peek()), let d = peek() { text.append(d); advance() }
            }
        }
        if let c = peek(), c.isLetter || c == "_" {
            throw ADQLError("malformed number '\(text)\(c)'", at: start)
        }
        if !isReal, let value = Int64(text) { return ADQLToken(kind: .integer(value), position: start) }
        guard let value = Double(text.hasPrefix(".") ? "0" + text : text), value.isFinite else {
            throw ADQLError("number '\(text)' is out of range", at: start)
        }
        return ADQLToken(kind: .real(value), position: start)
    }
}
