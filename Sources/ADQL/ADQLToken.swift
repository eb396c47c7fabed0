/// One lexical token of ADQL text, with the position of its first character.
struct ADQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An unquoted word (keyword or regular identifier), as written.
        case word(String)
        /// A "delimited identifier", with `""` undoubled.
        case delimited(String)
        case integer(Int64)
        case real(Double)
        /// A 'string', with `''` undoubled.
        case string(String)
        /// Punctuation and operators: ( ) , . * + - / || = <> != < <= > >= ;
        case symbol(String)
        case end
    }

    var kind: Kind
    var position: ADQLPosition

    /// The upper-cased word when the token is an unquoted word.
    var keyword: String? {
        if case let .word(word) = kind { return word.uppercased() }
        return nil
    }

    func isKeyword(_ name: String) -> Bool { keyword == name }
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case let .word(word): return "'\(word)'"
        case let .delimited(name): return "\"\(name)\""
        case let .integer(value): return "'\(value)'"
        case let .real(value): return "'\(value)'"
        case .string: return "a string"
        case let .symbol(symbol): return "'\(symbol)'"
        case .end: return "the end of the query"
        }
    }
}
