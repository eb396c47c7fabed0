/// Values and conditions. Every operator and predicate is parenthesised, so the output's precedence is
/// the parse tree's whatever PostgreSQL's rules are.
extension ADQLTranslationState {
    mutating func condition(_ expression: ADQLExpression, scopes: [ADQLScope],
                            ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> [ADQLFragment] {
        try value(expression, scopes: scopes, ctes: ctes).fragments
    }

    mutating func value(_ expression: ADQLExpression, scopes: [ADQLScope],
                        ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> ADQLTranslated {
        func plain(_ fragments: [ADQLFragment], _ type: ADQLType, constant: Bool) -> ADQLTranslated {
            ADQLTranslated(fragments: fragments, type: type, table: nil, column: nil, isConstant: constant)
        }
        switch expression.kind {
        case let .column(qualifier, name):
            let column = try columnReference(qualifier: qualifier, name: name, scopes: scopes, position: expression.position)
            if column.type == .point {
                throw ADQLError("POINT column '\(name.name)' cannot be used as a value (geometry values are not served; "
                                + "use the table's ra and dec columns)", at: expression.position)
            }
            return column
        case let .integer(value):
            let text = value < 0 ? "(\(value))" : "\(value)"
            return plain([.sql(text)], Int32(exactly: value) != nil ? .integer : .bigint, constant: true)
        case let .real(value):
            let text = value < 0 ? "(\(value))" : "\(value)"
            return plain([.sql(text)], .double, constant: true)
        case let .string(value):
            return plain([.string(value), .sql("::text")], .varchar, constant: true)
        case .null:
            return plain([.sql("NULL")], .unknown, constant: true)
        case let .negate(operand):
            let x = try value(operand, scopes: scopes, ctes: ctes)
            return plain([.sql("(-")] + x.fragments + [.sql(")")], x.type, constant: x.isConstant)
        case let .arithmetic(op, left, right):
            let l = try value(left, scopes: scopes, ctes: ctes)
            let r = try value(right, scopes: scopes, ctes: ctes)
            let type: ADQLType = op == "||" ? .varchar : Self.numericResult(l.type, r.type)
            return plain([.sql("(")] + l.fragments + [.sql(" \(op) ")] + r.fragments + [.sql(")")], type,
                         constant: l.isConstant && r.isConstant)
        case let .function(name, arguments, distinct, star):
            return try function(name, arguments, distinct: distinct, star: star, at: expression.position, scopes: scopes, ctes: ctes)
        case let .caseWhen(operand, whens, otherwise):
            var fragments: [ADQLFragment] = [.sql("CASE")]
            var constant = true
            if let operand {
                let x = try value(operand, scopes: scopes, ctes: ctes)
                fragments += [.sql(" ")] + x.fragments
                constant = constant && x.isConstant
            }
            var type = ADQLType.unknown
            for when in whens {
                let w = try value(when.when, scopes: scopes, ctes: ctes)
                let t = try value(when.then, scopes: scopes, ctes: ctes)
                if type == .unknown { type = t.type }
                constant = constant && w.isConstant && t.isConstant
                fragments += [.sql(" WHEN ")] + w.fragments + [.sql(" THEN ")] + t.fragments
            }
            if let otherwise {
                let e = try value(otherwise, scopes: scopes, ctes: ctes)
                constant = constant && e.isConstant
                fragments += [.sql(" ELSE ")] + e.fragments
            }
            return plain(fragments + [.sql(" END")], type, constant: constant)
        case let .cast(operand, target):
            let x = try value(operand, scopes: scopes, ctes: ctes)
            let (sqlType, type) = Self.castTarget(target)
            return plain([.sql("CAST(")] + x.fragments + [.sql(" AS \(sqlType))")], type, constant: x.isConstant)
        case let .subquery(query):
            let translated = try self.query(query, outer: scopes, ctes: ctes, limit: nil)
            return plain([.sql("(")] + translated.fragments + [.sql(")")], translated.columns.first?.type ?? .unknown, constant: false)
        case let .comparison(op, left, right):
            if let geometric = try geometricComparison(op, left, right, scopes: scopes, ctes: ctes) {
                return plain(geometric, .boolean, constant: false)
            }
            var l = try value(left, scopes: scopes, ctes: ctes)
            var r = try value(right, scopes: scopes, ctes: ctes)
            if l.type == .boolean, let literal = try Self.booleanLiteral(right, op: op) { r = plain([.sql(literal)], .boolean, constant: true) }
            if r.type == .boolean, let literal = try Self.booleanLiteral(left, op: op) { l = plain([.sql(literal)], .boolean, constant: true) }
            return plain([.sql("(")] + l.fragments + [.sql(" \(op) ")] + r.fragments + [.sql(")")], .boolean,
                         constant: l.isConstant && r.isConstant)
        case let .between(operand, low, high, negated):
            let x = try value(operand, scopes: scopes, ctes: ctes)
            let a = try value(low, scopes: scopes, ctes: ctes)
            let b = try value(high, scopes: scopes, ctes: ctes)
            return plain([.sql("(")] + x.fragments + [.sql(negated ? " NOT BETWEEN " : " BETWEEN ")] + a.fragments
                         + [.sql(" AND ")] + b.fragments + [.sql(")")], .boolean, constant: false)
        case let .like(operand, pattern, negated, caseInsensitive):
            let x = try value(operand, scopes: scopes, ctes: ctes)
            let p = try value(pattern, scopes: scopes, ctes: ctes)
            let op = (negated ? " NOT " : " ") + (caseInsensitive ? "ILIKE " : "LIKE ")
            return plain([.sql("(")] + x.fragments + [.sql(op)] + p.fragments + [.sql(")")], .boolean, constant: false)
        case let .isNull(operand, negated):
            let x = try value(operand, scopes: scopes, ctes: ctes)
            return plain([.sql("(")] + x.fragments + [.sql(negated ? " IS NOT NULL)" : " IS NULL)")], .boolean, constant: false)
        case let .inList(operand, list, negated):
            var fragments = [.sql("(")] + (try value(operand, scopes: scopes, ctes: ctes)).fragments
            fragments.append(.sql(negated ? " NOT IN (" : " IN ("))
            for (k, item) in list.enumerated() {
                if k > 0 { fragments.append(.sql(", ")) }
                fragments += try value(item, scopes: scopes, ctes: ctes).fragments
            }
            return plain(fragments + [.sql("))")], .boolean, constant: false)
        case let .inQuery(operand, query, negated):
            let x = try value(operand, scopes: scopes, ctes: ctes)
            let translated = try self.query(query, outer: scopes, ctes: ctes, limit: nil)
            return plain([.sql("(")] + x.fragments + [.sql(negated ? " NOT IN (" : " IN (")] + translated.fragments
                         + [.sql("))")], .boolean, constant: false)
        case let .exists(query):
            let translated = try self.query(query, outer: scopes, ctes: ctes, limit: nil)
            return plain([.sql("EXISTS (")] + translated.fragments + [.sql(")")], .boolean, constant: false)
        case let .not(operand):
            let x = try value(operand, scopes: scopes, ctes: ctes)
            return plain([.sql("(NOT ")] + x.fragments + [.sql(")")], .boolean, constant: x.isConstant)
        case let .and(left, right), let .or(left, right):
            let op: String
            if case .and = expression.kind { op = " AND " } else { op = " OR " }
            let l = try value(left, scopes: scopes, ctes: ctes)
            let r = try value(right, scopes: scopes, ctes: ctes)
            return plain([.sql("(")] + l.fragments + [.sql(op)] + r.fragments + [.sql(")")], .boolean,
                         constant: l.isConstant && r.isConstant)
        }
    }

    /// ADQL has no boolean literal: a boolean column compared (`=` or `<>`) with 1 or 0, or with the
    /// DALI boolean texts ('true'/'false', 'T'/'F', case-insensitive), compares with TRUE or FALSE.
    /// nil when `expression` is no literal (the comparison is left to the database); an error for a
    /// literal that is neither.
    static func booleanLiteral(_ expression: ADQLExpression, op: String) throws(ADQLError) -> String? {
        let truth: Bool?
        switch expression.kind {
        case let .integer(value): truth = value == 1 ? true : value == 0 ? false : nil
        case let .string(text):
            switch text.lowercased() {
            case "true", "t", "1": truth = true
            case "false", "f", "0": truth = false
            default: truth = nil
            }
        default: return nil
        }
        guard op == "=" || op == "<>" else {
            throw ADQLError("a boolean column can only be compared with = or <> (not \(op))", at: expression.position)
        }
        guard let truth else {
            throw ADQLError("a boolean column compares with 1 or 0 ('true' or 'false')", at: expression.position)
        }
        return truth ? "TRUE" : "FALSE"
    }

    static func numericResult(_ a: ADQLType, _ b: ADQLType) -> ADQLType {
        guard a.isNumeric, b.isNumeric else { return .unknown }
        if a == .double || b == .double || a == .real || b == .real { return .double }
        if a == .bigint || b == .bigint { return .bigint }
        return .integer
    }

    static func castTarget(_ target: ADQLCastType) -> (String, ADQLType) {
        switch target {
        case .smallint: return ("smallint", .smallint)
        case .integer: return ("integer", .integer)
        case .bigint: return ("bigint", .bigint)
        case .real: return ("real", .real)
        case .doublePrecision: return ("double precision", .double)
        case .timestamp: return ("timestamp", .timestamp)
        case let .char(n): return (n.map { "char(\($0))" } ?? "char", .char)
        case let .varchar(n): return (n.map { "varchar(\($0))" } ?? "varchar", .varchar)
        }
    }

    /// A function call: aggregates, geometry, the rounding functions, then the fixed table; anything else is refused.
    private mutating func function(_ name: String, _ arguments: [ADQLExpression], distinct: Bool, star: Bool,
                                   at position: ADQLPosition, scopes: [ADQLScope],
                                   ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> ADQLTranslated {
        if let sqlName = ADQLFunctions.aggregates[name] {
            if star { return ADQLTranslated(fragments: [.sql("count(*)")], type: .bigint, table: nil, column: nil, isConstant: false) }
            guard arguments.count == 1 else { throw ADQLError("\(name) takes 1 argument, not \(arguments.count)", at: position) }
            let x = try value(arguments[0], scopes: scopes, ctes: ctes)
            let type: ADQLType
            switch name {
            case "COUNT": type = .bigint
            case "AVG": type = .double
            case "SUM": type = x.type.isExactNumeric ? .bigint : (x.type.isNumeric ? .double : .unknown)
            default: type = x.type
            }
            return ADQLTranslated(fragments: [.sql("\(sqlName)(" + (distinct ? "DISTINCT " : ""))] + x.fragments + [.sql(")")],
                                  type: type, table: nil, column: nil, isConstant: false)
        }
        if ADQLFunctions.geometry.contains(name) {
            return try geometryFunction(name, arguments, at: position, scopes: scopes, ctes: ctes)
        }
        var translated: [ADQLTranslated] = []
        for argument in arguments { translated.append(try value(argument, scopes: scopes, ctes: ctes)) }
        let constant = translated.allSatisfy(\.isConstant) && name != "RAND"
        func call(_ sqlName: String, _ args: [[ADQLFragment]]) -> [ADQLFragment] {
            var fragments: [ADQLFragment] = [.sql("\(sqlName)(")]
            for (k, arg) in args.enumerated() {
                if k > 0 { fragments.append(.sql(", ")) }
                fragments += arg
            }
            return fragments + [.sql(")")]
        }
        if let sqlName = ADQLFunctions.rounding[name] {
            let arity = name == "MOD" ? 2...2 : 1...2
            guard arity.contains(arguments.count) else {
                throw ADQLError("\(name) takes \(name == "MOD" ? "2 arguments" : "1 or 2 arguments"), not \(arguments.count)", at: position)
            }
            if arguments.count == 1 {
                return ADQLTranslated(fragments: call(sqlName, [translated[0].fragments]), type: translated[0].type,
                                      table: nil, column: nil, isConstant: constant)
            }
            if name == "MOD", translated[0].type.isExactNumeric, translated[1].type.isExactNumeric {
                return ADQLTranslated(fragments: call(sqlName, translated.map(\.fragments)),
                                      type: Self.numericResult(translated[0].type, translated[1].type),
                                      table: nil, column: nil, isConstant: constant)
            }
            // round(numeric, int), trunc(numeric, int), mod(numeric, numeric): cast in, and back to double.
            let first = [.sql("CAST(")] + translated[0].fragments + [.sql(" AS numeric)")]
            let second = name == "MOD" ? [.sql("CAST(")] + translated[1].fragments + [.sql(" AS numeric)")]
                                       : [.sql("CAST(")] + translated[1].fragments + [.sql(" AS integer)")]
            return ADQLTranslated(fragments: [.sql("CAST(")] + call(sqlName, [first, second]) + [.sql(" AS double precision)")],
                                  type: .double, table: nil, column: nil, isConstant: constant)
        }
        guard let entry = ADQLFunctions.scalar[name] else {
            throw ADQLError("function '\(name.lowercased())' is not in ADQL 2.1", at: position)
        }
        guard entry.arity.contains(arguments.count) else {
            if name == "RAND" { throw ADQLError("RAND with a seed is not supported", at: position) }
            let count = entry.arity.lowerBound == entry.arity.upperBound ? "\(entry.arity.lowerBound)" : "\(entry.arity.lowerBound) or more"
            throw ADQLError("\(name) takes \(count) argument(s), not \(arguments.count)", at: position)
        }
        let type = entry.type ?? translated.first?.type ?? .unknown
        return ADQLTranslated(fragments: call(entry.sqlName, translated.map(\.fragments)), type: type,
                              table: nil, column: nil, isConstant: constant)
    }

    /// Geometry cannot be a column of the result.
    func refuseGeometryValue(_ expression: ADQLExpression) throws(ADQLError) {
        if case let .function(name, _, _, _) = expression.kind, ["POINT", "CIRCLE", "BOX", "POLYGON", "CENTROID", "REGION"].contains(name) {
            throw ADQLError("\(name) cannot be in the select list: geometry values are not served (select the coordinates instead)",
                            at: expression.position)
        }
    }
}
