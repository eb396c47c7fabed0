/// Translates a parsed ADQL query into PostgreSQL (with q3c) against a published schema.
///
/// Names resolve against `schema` (unquoted names case-insensitively, delimited names exactly); only the
/// schema's SQL names and aliases the translator generates (`t1`, `t2`, ..., `cte1`, ...) are emitted as
/// identifiers, every user string becomes a `.string` fragment followed by `::text`, numbers are written
/// from their parsed values, and functions come from a fixed table. Geometry maps onto q3c (see
/// `ADQLTranslationState+Geometry.swift`). `SELECT *` is expanded to explicit columns.
///
/// Row cap: with `maxRows`, the statement's `LIMIT` is the smaller of TOP and `maxRows + 1`; reading one
/// row more than `maxRows` tells the caller the result overflowed (see `ADQLTranslation`).
public struct ADQLTranslator: Sendable {
    public let schema: ADQLSchema
    public let maxRows: Int?

    public init(schema: ADQLSchema, maxRows: Int? = nil) {
        self.schema = schema
        self.maxRows = maxRows
    }

    public func translate(_ query: ADQLQuery) throws(ADQLError) -> ADQLTranslation {
        var state = ADQLTranslationState(schema: schema)
        var limit: Int?
        var emitted: Int64?
        var top: Int64?
        if case let .select(select) = query.body { top = select.top }
        switch (top, maxRows) {
        case let (top?, max?):
            if top <= Int64(max) {
                limit = Int(top); emitted = top
            } else {
                limit = max; emitted = Int64(max) + 1
            }
        case let (top?, nil):
            limit = Int(clamping: top); emitted = top
        case let (nil, max?):
            limit = max; emitted = Int64(max) + 1
        case (nil, nil):
            break
        }
        let result = try state.query(query, outer: [], ctes: [], limit: emitted)
        return ADQLTranslation(fragments: ADQLTranslationState.merged(result.fragments), columns: result.columns, limit: limit)
    }
}

/// A column visible in a FROM scope.
struct ADQLScopeColumn {
    var name: String
    var sqlName: String
    var type: ADQLType
    var table: String?
    var column: String?
}

/// A table, subquery or common table in FROM, under the alias the translator generated for it.
struct ADQLRangeEntry {
    /// The user's alias, if any (then only it qualifies columns).
    var alias: ADQLIdentifier?
    /// The published schema and name (tables), or the common table's name.
    var schemaName: String?
    var tableName: String?
    /// How errors name it.
    var display: String
    var sqlAlias: String
    var columns: [ADQLScopeColumn]
}

/// The entries of one SELECT's FROM, and the columns merged by USING / NATURAL joins.
struct ADQLScope {
    var entries: [ADQLRangeEntry] = []
    /// Lower-cased ADQL column name -> the expression an unqualified reference means.
    var merged: [String: ADQLTranslated] = [:]
}

/// A common table expression visible to FROM.
struct ADQLCommonTableEntry {
    var name: ADQLIdentifier
    var sqlName: String
    var columns: [ADQLOutputColumn]
}

/// A translated value: its fragments, type, and what it is.
struct ADQLTranslated {
    var fragments: [ADQLFragment]
    var type: ADQLType
    /// The published table and column when it is a plain column.
    var table: String?
    var column: String?
    /// Whether it names no column (a constant for the query, as q3c needs for an indexed centre).
    var isConstant: Bool
}

/// The translator's working state: generated alias counters and the schema.
struct ADQLTranslationState {
    let schema: ADQLSchema
    var tableCounter = 0
    var cteCounter = 0

    init(schema: ADQLSchema) { self.schema = schema }

    /// Adjacent `.sql` fragments joined.
    static func merged(_ fragments: [ADQLFragment]) -> [ADQLFragment] {
        var result: [ADQLFragment] = []
        for fragment in fragments {
            if case let .sql(text) = fragment, case let .sql(previous)? = result.last {
                result[result.count - 1] = .sql(previous + text)
            } else if fragment != .sql("") {
                result.append(fragment)
            }
        }
        return result
    }

    // MARK: Queries

    mutating func query(_ query: ADQLQuery, outer: [ADQLScope], ctes: [ADQLCommonTableEntry],
                        limit: Int64?) throws(ADQLError) -> (fragments: [ADQLFragment], columns: [ADQLOutputColumn]) {
        var fragments: [ADQLFragment] = []
        var visible = ctes
        if !query.with.isEmpty {
            fragments.append(.sql("WITH "))
            for (k, common) in query.with.enumerated() {
                if query.with[..<k].contains(where: { $0.name.matches(common.name.name) || common.name.matches($0.name.name) }) {
                    throw ADQLError("common table '\(common.name.name)' is defined twice", at: common.name.position)
                }
                let translated = try self.query(common.query, outer: outer, ctes: visible, limit: nil)
                cteCounter += 1
                let sqlName = "cte\(cteCounter)"
                if k > 0 { fragments.append(.sql(", ")) }
                fragments += [.identifier(sqlName), .sql(" AS (")] + translated.fragments + [.sql(")")]
                visible.insert(ADQLCommonTableEntry(name: common.name, sqlName: sqlName, columns: translated.columns), at: 0)
            }
            fragments.append(.sql(" "))
        }
        switch query.body {
        case let .select(select):
            let translated = try self.select(select, orderBy: query.orderBy, offset: query.offset,
                                             limit: limit ?? select.top, outer: outer, ctes: visible)
            return (fragments + translated.fragments, translated.columns)
        case .setOperation, .nested:
            let body = try self.body(query.body, outer: outer, ctes: visible)
            fragments += body.fragments
            if !query.orderBy.isEmpty {
                fragments.append(.sql(" ORDER BY "))
                for (k, item) in query.orderBy.enumerated() {
                    if k > 0 { fragments.append(.sql(", ")) }
                    guard let ordinal = try outputOrdinal(item.expression, body.columns) else {
                        throw ADQLError("ORDER BY of a set operation must name an output column or its position",
                                        at: item.expression.position)
                    }
                    fragments.append(.sql("\(ordinal)" + (item.descending ? " DESC" : " ASC")))
                }
            }
            if let limit { fragments.append(.sql(" LIMIT \(limit)")) }
            if let offset = query.offset { fragments.append(.sql(" OFFSET \(offset)")) }
            return (fragments, body.columns)
        }
    }

    /// A set-operation operand, parenthesised.
    private mutating func body(_ body: ADQLQueryBody, outer: [ADQLScope],
                               ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> (fragments: [ADQLFragment], columns: [ADQLOutputColumn]) {
        switch body {
        case let .select(select):
            let translated = try self.select(select, orderBy: [], offset: nil, limit: select.top, outer: outer, ctes: ctes)
            return ([.sql("(")] + translated.fragments + [.sql(")")], translated.columns)
        case let .nested(query):
            let translated = try self.query(query, outer: outer, ctes: ctes, limit: nil)
            return ([.sql("(")] + translated.fragments + [.sql(")")], translated.columns)
        case let .setOperation(op, all, left, right, _):
            let l = try self.body(left, outer: outer, ctes: ctes)
            let r = try self.body(right, outer: outer, ctes: ctes)
            return ([.sql("(")] + l.fragments + [.sql(" \(op.rawValue)\(all ? " ALL" : "") ")] + r.fragments + [.sql(")")], l.columns)
        }
    }

    /// The 1-based output position an ORDER BY / GROUP BY item names (a position, or an output name), if any.
    func outputOrdinal(_ expression: ADQLExpression, _ columns: [ADQLOutputColumn]) throws(ADQLError) -> Int? {
        switch expression.kind {
        case let .integer(n):
            guard n >= 1, n <= Int64(columns.count) else {
                throw ADQLError("position \(n) is not between 1 and \(columns.count), the number of output columns",
                                at: expression.position)
            }
            return Int(n)
        case let .column(qualifier, name) where qualifier.isEmpty:
            return columns.firstIndex(where: { name.matches($0.name) }).map { $0 + 1 }
        default:
            return nil
        }
    }

    private mutating func select(_ select: ADQLSelect, orderBy: [ADQLOrderItem], offset: Int64?, limit: Int64?,
                                 outer: [ADQLScope], ctes: [ADQLCommonTableEntry])
        throws(ADQLError) -> (fragments: [ADQLFragment], columns: [ADQLOutputColumn]) {
        var scope = ADQLScope()
        var from: [ADQLFragment] = []
        for (k, reference) in select.from.enumerated() {
            if k > 0 { from.append(.sql(", ")) }
            from += try tableReference(reference, into: &scope, outer: outer, ctes: ctes)
        }
        let scopes = [scope] + outer
        // The select list.
        var items: [ADQLFragment] = []
        var columns: [ADQLOutputColumn] = []
        var used: Set<String> = []
        func add(_ fragments: [ADQLFragment], _ column: ADQLOutputColumn) {
            var name = column.name
            var n = 2
            while used.contains(name.lowercased()) { name = "\(column.name)_\(n)"; n += 1 }
            used.insert(name.lowercased())
            if !columns.isEmpty { items.append(.sql(", ")) }
            items += fragments + [.sql(" AS "), .identifier(name)]
            columns.append(ADQLOutputColumn(name: name, table: column.table, column: column.column, type: column.type))
        }
        for item in select.items {
            switch item {
            case .all:
                for entry in scope.entries { for column in entry.columns { add(reference(entry, column), output(column)) } }
            case let .allOf(qualifier, position):
                guard let entry = try findEntry(qualifier, in: scope) else {
                    throw ADQLError("no table '\(qualifier.map(\.name).joined(separator: "."))' in FROM", at: position)
                }
                for column in entry.columns { add(reference(entry, column), output(column)) }
            case let .expression(expression, alias):
                try refuseGeometryValue(expression)
                let translated = try value(expression, scopes: scopes, ctes: ctes)
                let name: String
                if let alias {
                    name = alias.name
                } else if let column = translated.column {
                    name = column
                } else if case let .function(function, _, _, _) = expression.kind {
                    name = function.lowercased()
                } else {
                    name = "col\(columns.count + 1)"
                }
                add(translated.fragments, ADQLOutputColumn(name: name, table: translated.table,
                                                           column: translated.column, type: translated.type))
            }
        }
        var fragments: [ADQLFragment] = [.sql(select.distinct ? "SELECT DISTINCT " : "SELECT ")] + items
        fragments += [.sql(" FROM ")] + from
        if let condition = select.whereClause {
            fragments += [.sql(" WHERE ")] + (try self.condition(condition, scopes: scopes, ctes: ctes))
        }
        if !select.groupBy.isEmpty {
            fragments.append(.sql(" GROUP BY "))
            for (k, expression) in select.groupBy.enumerated() {
                if k > 0 { fragments.append(.sql(", ")) }
                fragments += try orderingValue(expression, columns: columns, scopes: scopes, ctes: ctes, preferInput: true)
            }
        }
        if let having = select.having {
            fragments += [.sql(" HAVING ")] + (try condition(having, scopes: scopes, ctes: ctes))
        }
        if !orderBy.isEmpty {
            fragments.append(.sql(" ORDER BY "))
            for (k, item) in orderBy.enumerated() {
                if k > 0 { fragments.append(.sql(", ")) }
                fragments += try orderingValue(item.expression, columns: columns, scopes: scopes, ctes: ctes, preferInput: false)
                fragments.append(.sql(item.descending ? " DESC" : " ASC"))
            }
        }
        if let limit { fragments.append(.sql(" LIMIT \(limit)")) }
        if let offset { fragments.append(.sql(" OFFSET \(offset)")) }
        return (fragments, columns)
    }

    /// A GROUP BY / ORDER BY item: a position or output name becomes the output position; anything else
    /// is an expression over FROM. As in SQL, an unqualified name in GROUP BY means a FROM column first
    /// (`preferInput`), in ORDER BY an output column first.
    private mutating func orderingValue(_ expression: ADQLExpression, columns: [ADQLOutputColumn], scopes: [ADQLScope],
                                        ctes: [ADQLCommonTableEntry], preferInput: Bool) throws(ADQLError) -> [ADQLFragment] {
        if preferInput, case let .column(qualifier, name) = expression.kind, qualifier.isEmpty,
           let found = try? unqualifiedColumn(name, scopes: scopes) {
            return found.fragments
        }
        if let ordinal = try outputOrdinal(expression, columns) { return [.sql("\(ordinal)")] }
        return try value(expression, scopes: scopes, ctes: ctes).fragments
    }

    func reference(_ entry: ADQLRangeEntry, _ column: ADQLScopeColumn) -> [ADQLFragment] {
        [.identifier(entry.sqlAlias), .sql("."), .identifier(column.sqlName)]
    }

    func output(_ column: ADQLScopeColumn) -> ADQLOutputColumn {
        ADQLOutputColumn(name: column.name, table: column.table, column: column.column, type: column.type)
    }
}
