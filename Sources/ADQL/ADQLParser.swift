/// Parses ADQL 2.1 text into an `ADQLQuery` whose nodes carry their positions.
///
/// Keywords and unquoted identifiers are case-insensitive; "delimited" identifiers keep their case and
/// may be reserved words. A reserved word used as an unquoted identifier, a missing or unexpected token,
/// or a malformed literal throws an `ADQLError` at the offending token. One statement per text (a
/// trailing `;` is allowed).
public enum ADQLParser {
    public static func parse(_ text: String) throws(ADQLError) -> ADQLQuery {
        var state = ADQLParserState(tokens: try ADQLLexer.tokens(text))
        let query = try state.parseQuery()
        if state.current.isSymbol(";") { state.advance() }
        guard state.current.kind == .end else {
            throw ADQLError("unexpected \(state.current.display) after the end of the query", at: state.current.position)
        }
        return query
    }
}

/// The recursive-descent parser's cursor over the tokens. The grammar is split over extensions:
/// queries and FROM here, expressions in `ADQLParserState+Expressions.swift`.
struct ADQLParserState {
    let tokens: [ADQLToken]
    var index = 0

    init(tokens: [ADQLToken]) { self.tokens = tokens }

    var current: ADQLToken { tokens[index] }
    func peek(_ ahead: Int) -> ADQLToken { tokens[min(index + ahead, tokens.count - 1)] }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    /// Consumes the keyword if it is next.
    mutating func accept(_ keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expect(_ keyword: String) throws(ADQLError) {
        guard accept(keyword) else { throw unexpected("\(keyword)") }
    }

    mutating func expectSymbol(_ symbol: String) throws(ADQLError) {
        guard acceptSymbol(symbol) else { throw unexpected("'\(symbol)'") }
    }

    func unexpected(_ expected: String) -> ADQLError {
        ADQLError("expected \(expected) but found \(current.display)", at: current.position)
    }

    /// An identifier: an unquoted non-reserved word or a delimited name.
    mutating func parseIdentifier(_ what: String = "an identifier") throws(ADQLError) -> ADQLIdentifier {
        let token = current
        switch token.kind {
        case let .word(word):
            if ADQLReservedWords.contains(word) {
                throw ADQLError("'\(word)' is a reserved ADQL word and cannot be an unquoted identifier "
                                + "(write it in double quotes)", at: token.position)
            }
            advance()
            return ADQLIdentifier(name: word, delimited: false, position: token.position)
        case let .delimited(name):
            advance()
            return ADQLIdentifier(name: name, delimited: true, position: token.position)
        default:
            throw unexpected(what)
        }
    }

    /// Whether an identifier (that `parseIdentifier` would accept or refuse as reserved) is next.
    var atIdentifier: Bool {
        switch current.kind {
        case .word, .delimited: return true
        default: return false
        }
    }

    /// An optional `[AS] alias`; a bare word is an alias only if it is not reserved.
    mutating func parseAlias() throws(ADQLError) -> ADQLIdentifier? {
        if accept("AS") { return try parseIdentifier("an alias") }
        switch current.kind {
        case let .word(word) where !ADQLReservedWords.contains(word): return try parseIdentifier()
        case .delimited: return try parseIdentifier()
        default: return nil
        }
    }

    mutating func parseUnsignedInteger(_ what: String) throws(ADQLError) -> Int64 {
        guard case let .integer(value) = current.kind, value >= 0 else { throw unexpected(what) }
        advance()
        return value
    }

    // MARK: Queries

    mutating func parseQuery() throws(ADQLError) -> ADQLQuery {
        let position = current.position
        var with: [ADQLCommonTable] = []
        if accept("WITH") {
            repeat {
                let name = try parseIdentifier("a common table name")
                try expect("AS")
                try expectSymbol("(")
                let query = try parseQuery()
                try expectSymbol(")")
                with.append(ADQLCommonTable(name: name, query: query))
            } while acceptSymbol(",")
        }
        let body = try parseUnion()
        var orderBy: [ADQLOrderItem] = []
        if accept("ORDER") {
            try expect("BY")
            repeat {
                let expression = try parseValue()
                var descending = false
                if accept("DESC") { descending = true } else { _ = accept("ASC") }
                orderBy.append(ADQLOrderItem(expression: expression, descending: descending))
            } while acceptSymbol(",")
        }
        var offset: Int64?
        if accept("OFFSET") { offset = try parseUnsignedInteger("a row count after OFFSET") }
        return ADQLQuery(with: with, body: body, orderBy: orderBy, offset: offset, position: position)
    }

    private mutating func parseUnion() throws(ADQLError) -> ADQLQueryBody {
        var left = try parseIntersect()
        while let keyword = current.keyword, keyword == "UNION" || keyword == "EXCEPT" {
            let position = current.position
            advance()
            let all = accept("ALL")
            if !all { _ = accept("DISTINCT") }
            let right = try parseIntersect()
            left = .setOperation(keyword == "UNION" ? .union : .except, all: all, left, right, position: position)
        }
        return left
    }

    private mutating func parseIntersect() throws(ADQLError) -> ADQLQueryBody {
        var left = try parseSetPrimary()
        while current.isKeyword("INTERSECT") {
            let position = current.position
            advance()
            let all = accept("ALL")
            if !all { _ = accept("DISTINCT") }
            let right = try parseSetPrimary()
            left = .setOperation(.intersect, all: all, left, right, position: position)
        }
        return left
    }

    private mutating func parseSetPrimary() throws(ADQLError) -> ADQLQueryBody {
        if acceptSymbol("(") {
            let query = try parseQuery()
            try expectSymbol(")")
            return .nested(query)
        }
        return .select(try parseSelect())
    }

    private mutating func parseSelect() throws(ADQLError) -> ADQLSelect {
        let position = current.position
        try expect("SELECT")
        var distinct = false
        if accept("DISTINCT") { distinct = true } else { _ = accept("ALL") }
        var top: Int64?
        if accept("TOP") { top = try parseUnsignedInteger("a row count after TOP") }
        var items: [ADQLSelectItem] = []
        repeat { items.append(try parseSelectItem()) } while acceptSymbol(",")
        try expect("FROM")
        var from: [ADQLTableReference] = []
        repeat { from.append(try parseTableReference()) } while acceptSymbol(",")
        var whereClause: ADQLExpression?
        if accept("WHERE") { whereClause = try parseCondition() }
        var groupBy: [ADQLExpression] = []
        if accept("GROUP") {
            try expect("BY")
            repeat { groupBy.append(try parseValue()) } while acceptSymbol(",")
        }
        var having: ADQLExpression?
        if accept("HAVING") { having = try parseCondition() }
        return ADQLSelect(distinct: distinct, top: top, items: items, from: from, whereClause: whereClause,
                          groupBy: groupBy, having: having, position: position)
    }

    private mutating func parseSelectItem() throws(ADQLError) -> ADQLSelectItem {
        let position = current.position
        if acceptSymbol("*") { return .all(position: position) }
        // name(.name)*.* : a qualified star.
        var ahead = 0
        while isName(peek(ahead)), peek(ahead + 1).isSymbol(".") {
            ahead += 2
            if peek(ahead).isSymbol("*") {
                var parts: [ADQLIdentifier] = []
                repeat {
                    parts.append(try parseIdentifier())
                    try expectSymbol(".")
                } while !current.isSymbol("*")
                advance()
                return .allOf(parts, position: position)
            }
        }
        let expression = try parseValue()
        return .expression(expression, alias: try parseAlias())
    }

    private func isName(_ token: ADQLToken) -> Bool {
        switch token.kind {
        case .word, .delimited: return true
        default: return false
        }
    }

    // MARK: FROM

    private mutating func parseTableReference() throws(ADQLError) -> ADQLTableReference {
        var left = try parseTablePrimary()
        while true {
            let position = current.position
            let natural = accept("NATURAL")
            var kind: ADQLJoinKind
            if accept("CROSS") {
                kind = .cross
            } else if accept("INNER") {
                kind = .inner
            } else if let keyword = current.keyword, let outer = ["LEFT": ADQLJoinKind.left, "RIGHT": .right, "FULL": .full][keyword] {
                advance()
                _ = accept("OUTER")
                kind = outer
            } else if current.isKeyword("JOIN") {
                kind = .inner
            } else {
                if natural { throw unexpected("JOIN") }
                return left
            }
            try expect("JOIN")
            let right = try parseTablePrimary()
            var condition: ADQLJoinCondition?
            if kind != .cross && !natural {
                if accept("ON") {
                    condition = .on(try parseCondition())
                } else if accept("USING") {
                    try expectSymbol("(")
                    var names: [ADQLIdentifier] = []
                    repeat { names.append(try parseIdentifier("a column name")) } while acceptSymbol(",")
                    try expectSymbol(")")
                    condition = .using(names)
                } else {
                    throw unexpected("ON or USING")
                }
            }
            left = .join(kind, natural: natural, left, right, condition: condition, position: position)
        }
    }

    private mutating func parseTablePrimary() throws(ADQLError) -> ADQLTableReference {
        let position = current.position
        if acceptSymbol("(") {
            if current.isKeyword("SELECT") || current.isKeyword("WITH") || current.isSymbol("(") {
                let query = try parseQuery()
                try expectSymbol(")")
                guard let alias = try parseAlias() else {
                    throw ADQLError("a subquery in FROM needs an alias", at: current.position)
                }
                return .subquery(query, alias: alias, position: position)
            }
            let inner = try parseTableReference()
            try expectSymbol(")")
            return inner
        }
        var schema: ADQLIdentifier?
        var name = try parseIdentifier("a table name")
        if acceptSymbol(".") {
            schema = name
            name = try parseIdentifier("a table name")
            if current.isSymbol(".") {
                throw ADQLError("a table name has at most two parts (schema.table)", at: current.position)
            }
        }
        return .table(schema: schema, name: name, alias: try parseAlias(), position: position)
    }
}
