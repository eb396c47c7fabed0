/// Expressions: conditions (OR, AND, NOT, predicates) above values (`||`, `+ -`, `* /`, unary, primaries).
extension ADQLParserState {
    /// Function names that are reserved words but callable.
    static let callable: Set<String> = [
        "ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "CEILING", "COS", "COT", "DEGREES", "EXP", "FLOOR", "LOG",
        "LOG10", "MOD", "PI", "POWER", "RADIANS", "RAND", "ROUND", "SIN", "SQRT", "TAN", "TRUNCATE",
        "LOWER", "UPPER", "COALESCE", "COUNT", "AVG", "MIN", "MAX", "SUM", "POINT", "CIRCLE", "BOX", "POLYGON",
        "CONTAINS", "INTERSECTS", "DISTANCE", "COORD1", "COORD2", "AREA", "CENTROID", "COORDSYS", "REGION",
        "CBRT", "IN_UNIT", "CHAR_LENGTH", "NULLIF", "SUBSTRING", "TRIM", "POSITION",
    ]
    static let aggregates: Set<String> = ["COUNT", "AVG", "MIN", "MAX", "SUM"]

    mutating func parseCondition() throws(ADQLError) -> ADQLExpression {
        var left = try parseAnd()
        while current.isKeyword("OR") {
            advance()
            let right = try parseAnd()
            left = ADQLExpression(.or(left, right), at: left.position)
        }
        return left
    }

    private mutating func parseAnd() throws(ADQLError) -> ADQLExpression {
        var left = try parseNot()
        while current.isKeyword("AND") {
            advance()
            let right = try parseNot()
            left = ADQLExpression(.and(left, right), at: left.position)
        }
        return left
    }

    private mutating func parseNot() throws(ADQLError) -> ADQLExpression {
        let position = current.position
        if accept("NOT") { return ADQLExpression(.not(try parseNot()), at: position) }
        return try parsePredicate()
    }

    private mutating func parsePredicate() throws(ADQLError) -> ADQLExpression {
        let position = current.position
        if accept("EXISTS") {
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            return ADQLExpression(.exists(query), at: position)
        }
        let left = try parseValue()
        if case let .symbol(symbol) = current.kind, ["=", "<>", "!=", "<", "<=", ">", ">="].contains(symbol) {
            advance()
            let right = try parseValue()
            return ADQLExpression(.comparison(symbol == "!=" ? "<>" : symbol, left, right), at: position)
        }
        if accept("IS") {
            let negated = accept("NOT")
            try expect("NULL")
            return ADQLExpression(.isNull(left, negated: negated), at: position)
        }
        let negated = accept("NOT")
        if accept("BETWEEN") {
            let low = try parseValue()
            try expect("AND")
            let high = try parseValue()
            return ADQLExpression(.between(left, low, high, negated: negated), at: position)
        }
        if current.isKeyword("LIKE") || current.isKeyword("ILIKE") {
            let caseInsensitive = current.isKeyword("ILIKE")
            advance()
            let pattern = try parseValue()
            return ADQLExpression(.like(left, pattern, negated: negated, caseInsensitive: caseInsensitive), at: position)
        }
        if accept("IN") {
            try expectSymbol("(")
            if current.isKeyword("SELECT") || current.isKeyword("WITH") {
                let query = try parseQuery()
                try expectSymbol(")")
                return ADQLExpression(.inQuery(left, query, negated: negated), at: position)
            }
            var values: [ADQLExpression] = []
            repeat { values.append(try parseValue()) } while acceptSymbol(",")
            try expectSymbol(")")
            return ADQLExpression(.inList(left, values, negated: negated), at: position)
        }
        if negated { throw unexpected("BETWEEN, LIKE, ILIKE or IN after NOT") }
        return left
    }

    /// A value expression (no top-level comparison or boolean operator).
    mutating func parseValue() throws(ADQLError) -> ADQLExpression {
        var left = try parseAdditive()
        while current.isSymbol("||") {
            advance()
            let right = try parseAdditive()
            left = ADQLExpression(.arithmetic("||", left, right), at: left.position)
        }
        return left
    }

    private mutating func parseAdditive() throws(ADQLError) -> ADQLExpression {
        var left = try parseMultiplicative()
        while case let .symbol(symbol) = current.kind, symbol == "+" || symbol == "-" {
            advance()
            let right = try parseMultiplicative()
            left = ADQLExpression(.arithmetic(symbol, left, right), at: left.position)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(ADQLError) -> ADQLExpression {
        var left = try parseUnary()
        while case let .symbol(symbol) = current.kind, symbol == "*" || symbol == "/" {
            advance()
            let right = try parseUnary()
            left = ADQLExpression(.arithmetic(symbol, left, right), at: left.position)
        }
        return left
    }

    private mutating func parseUnary() throws(ADQLError) -> ADQLExpression {
        let position = current.position
        if acceptSymbol("+") { return try parseUnary() }
        if acceptSymbol("-") {
            let operand = try parseUnary()
            switch operand.kind {
            case let .integer(value): return ADQLExpression(.integer(-value), at: position)
            case let .real(value): return ADQLExpression(.real(-value), at: position)
            default: return ADQLExpression(.negate(operand), at: position)
            }
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ADQLError) -> ADQLExpression {
        let token = current
        let position = token.position
        switch token.kind {
        case let .integer(value):
            advance()
            return ADQLExpression(.integer(value), at: position)
        case let .real(value):
            advance()
            return ADQLExpression(.real(value), at: position)
        case let .string(value):
            advance()
            return ADQLExpression(.string(value), at: position)
        case .symbol("("):
            advance()
            if current.isKeyword("SELECT") || current.isKeyword("WITH") {
                let query = try parseQuery()
                try expectSymbol(")")
                return ADQLExpression(.subquery(query), at: position)
            }
            var inner = try parseCondition()
            try expectSymbol(")")
            inner.position = position
            return inner
        case let .word(word):
            let upper = word.uppercased()
            if upper == "NULL" { advance(); return ADQLExpression(.null, at: position) }
            if upper == "CASE" { return try parseCase() }
            if upper == "CAST" { return try parseCast() }
            if peek(1).isSymbol("("), Self.callable.contains(upper) || !ADQLReservedWords.contains(upper) {
                return try parseFunction(upper)
            }
            return try parseColumn()
        case .delimited:
            return try parseColumn()
        default:
            throw unexpected("a value")
        }
    }

    private mutating func parseColumn() throws(ADQLError) -> ADQLExpression {
        let position = current.position
        var parts = [try parseIdentifier("a column name")]
        while acceptSymbol(".") { parts.append(try parseIdentifier("a column name")) }
        if parts.count > 4 { throw ADQLError("a column name has at most four parts", at: position) }
        let name = parts.removeLast()
        return ADQLExpression(.column(qualifier: parts, name: name), at: position)
    }

    private mutating func parseFunction(_ name: String) throws(ADQLError) -> ADQLExpression {
        let position = current.position
        advance()
        try expectSymbol("(")
        if name == "COUNT", acceptSymbol("*") {
            try expectSymbol(")")
            return ADQLExpression(.function(name: name, arguments: [], distinct: false, star: true), at: position)
        }
        var distinct = false
        if Self.aggregates.contains(name) {
            if accept("DISTINCT") { distinct = true } else { _ = accept("ALL") }
        }
        var arguments: [ADQLExpression] = []
        if !current.isSymbol(")") {
            repeat { arguments.append(try parseValue()) } while acceptSymbol(",")
        }
        try expectSymbol(")")
        return ADQLExpression(.function(name: name, arguments: arguments, distinct: distinct, star: false), at: position)
    }

    private mutating func parseCase() throws(ADQLError) -> ADQLExpression {
        let position = current.position
        advance()
        var operand: ADQLExpression?
        if !current.isKeyword("WHEN") { operand = try parseValue() }
        var whens: [ADQLWhen] = []
        while accept("WHEN") {
            let when = operand == nil ? try parseCondition() : try parseValue()
            try expect("THEN")
            whens.append(ADQLWhen(when: when, then: try parseValue()))
        }
        if whens.isEmpty { throw unexpected("WHEN") }
        var otherwise: ADQLExpression?
        if accept("ELSE") { otherwise = try parseValue() }
        try expect("END")
        return ADQLExpression(.caseWhen(operand: operand, whens: whens, otherwise: otherwise), at: position)
    }

    private mutating func parseCast() throws(ADQLError) -> ADQLExpression {
        let position = current.position
        advance()
        try expectSymbol("(")
        let value = try parseValue()
        try expect("AS")
        let typePosition = current.position
        guard let word = current.keyword else { throw unexpected("a type") }
        advance()
        var type: ADQLCastType
        switch word {
        case "SMALLINT": type = .smallint
        case "INTEGER", "INT": type = .integer
        case "BIGINT": type = .bigint
        case "REAL": type = .real
        case "DOUBLE":
            try expect("PRECISION")
            type = .doublePrecision
        case "TIMESTAMP": type = .timestamp
        case "CHAR", "VARCHAR":
            var length: Int64?
            if acceptSymbol("(") {
                length = try parseUnsignedInteger("a length")
                try expectSymbol(")")
            }
            type = word == "CHAR" ? .char(length) : .varchar(length)
        case "POINT", "CIRCLE", "POLYGON":
            throw ADQLError("CAST to \(word) is not supported (geometry values are not served)", at: typePosition)
        default:
            throw ADQLError("'\(word)' is not an ADQL type for CAST", at: typePosition)
        }
        try expectSymbol(")")
        return ADQLExpression(.cast(value, type), at: position)
    }
}
