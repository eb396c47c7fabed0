/// FROM entries and name resolution.
extension ADQLTranslationState {
    /// Translates one FROM entry, adding its tables to `scope`.
    mutating func tableReference(_ reference: ADQLTableReference, into scope: inout ADQLScope, outer: [ADQLScope],
                                 ctes: [ADQLCommonTableEntry]) throws(ADQLError) -> [ADQLFragment] {
        switch reference {
        case let .table(schemaName, name, alias, position):
            tableCounter += 1
            let sqlAlias = "t\(tableCounter)"
            if schemaName == nil, let common = ctes.first(where: { name.matches($0.name.name) }) {
                let columns = common.columns.map {
                    ADQLScopeColumn(name: $0.name, sqlName: $0.name, type: $0.type, table: $0.table, column: $0.column)
                }
                scope.entries.append(ADQLRangeEntry(alias: alias, schemaName: nil, tableName: common.name.name,
                                                    display: common.name.name, sqlAlias: sqlAlias, columns: columns))
                return [.identifier(common.sqlName), .sql(" AS "), .identifier(sqlAlias)]
            }
            let table = try publishedTable(schema: schemaName, name: name, position: position)
            let columns = table.columns.map {
                ADQLScopeColumn(name: $0.name, sqlName: $0.sqlName, type: $0.type, table: table.qualifiedName, column: $0.name)
            }
            scope.entries.append(ADQLRangeEntry(alias: alias, schemaName: table.schema, tableName: table.name,
                                                display: table.qualifiedName, sqlAlias: sqlAlias, columns: columns))
            var fragments: [ADQLFragment] = []
            if let sqlSchema = table.sqlSchema { fragments += [.identifier(sqlSchema), .sql(".")] }
            return fragments + [.identifier(table.sqlName), .sql(" AS "), .identifier(sqlAlias)]
        case let .subquery(query, alias, _):
            // A derived table sees the outer queries' scopes (not its siblings in FROM), as in SQL.
            let translated = try self.query(query, outer: outer, ctes: ctes, limit: nil)
            tableCounter += 1
            let sqlAlias = "t\(tableCounter)"
            let columns = translated.columns.map {
                ADQLScopeColumn(name: $0.name, sqlName: $0.name, type: $0.type, table: $0.table, column: $0.column)
            }
            scope.entries.append(ADQLRangeEntry(alias: alias, schemaName: nil, tableName: nil, display: alias.name,
                                                sqlAlias: sqlAlias, columns: columns))
            return [.sql("(")] + translated.fragments + [.sql(") AS "), .identifier(sqlAlias)]
        case let .join(kind, natural, left, right, condition, position):
            let leftStart = scope.entries.count
            let l = try tableReference(left, into: &scope, outer: outer, ctes: ctes)
            let rightStart = scope.entries.count
            let r = try tableReference(right, into: &scope, outer: outer, ctes: ctes)
            let leftEntries = Array(scope.entries[leftStart..<rightStart])
            let rightEntries = Array(scope.entries[rightStart...])
            var names: [ADQLIdentifier] = []
            switch condition {
            case let .using(list)?:
                names = list
            case nil where natural:
                let rightNames = Set(rightEntries.flatMap { $0.columns.map { $0.name.lowercased() } })
                var seen: Set<String> = []
                for column in leftEntries.flatMap(\.columns) where rightNames.contains(column.name.lowercased()) {
                    if seen.insert(column.name.lowercased()).inserted {
                        names.append(ADQLIdentifier(name: column.name, delimited: true, position: position))
                    }
                }
            default:
                break
            }
            var fragments = [.sql("(")] + l
            if kind == .cross || (natural && names.isEmpty) {
                return fragments + [.sql(" CROSS JOIN ")] + r + [.sql(")")]
            }
            fragments += [.sql(" \(kind.rawValue) JOIN ")] + r + [.sql(" ON ")]
            if case let .on(expression)? = condition {
                return fragments + (try self.condition(expression, scopes: [scope] + outer, ctes: ctes)) + [.sql(")")]
            }
            // USING / NATURAL: equality of the named columns; an unqualified reference to one of them
            // means the left one (INNER, LEFT), the right one (RIGHT), or their COALESCE (FULL).
            for (k, name) in names.enumerated() {
                let a = try column(name, in: leftEntries, side: "left")
                let b = try column(name, in: rightEntries, side: "right")
                if k > 0 { fragments.append(.sql(" AND ")) }
                fragments += [.sql("(")] + a.fragments + [.sql(" = ")] + b.fragments + [.sql(")")]
                let merged: ADQLTranslated
                switch kind {
                case .right: merged = b
                case .full:
                    merged = ADQLTranslated(fragments: [.sql("coalesce(")] + a.fragments + [.sql(", ")] + b.fragments + [.sql(")")],
                                            type: a.type, table: nil, column: a.column, isConstant: false)
                default: merged = a
                }
                scope.merged[name.name.lowercased()] = merged
            }
            return fragments + [.sql(")")]
        }
    }

    /// A USING column on one side of a join: exactly one of `entries` has it.
    private func column(_ name: ADQLIdentifier, in entries: [ADQLRangeEntry], side: String) throws(ADQLError) -> ADQLTranslated {
        let found = entries.flatMap { entry in entry.columns.filter { name.matches($0.name) }.map { (entry, $0) } }
        guard let (entry, column) = found.first else {
            throw ADQLError("no column '\(name.name)' on the \(side) side of the join", at: name.position)
        }
        if found.count > 1 { throw ADQLError("column '\(name.name)' is ambiguous on the \(side) side of the join", at: name.position) }
        return translated(entry, column)
    }

    func translated(_ entry: ADQLRangeEntry, _ column: ADQLScopeColumn) -> ADQLTranslated {
        ADQLTranslated(fragments: reference(entry, column), type: column.type, table: column.table,
                       column: column.column ?? column.name, isConstant: false)
    }

    /// The published table `[schema.]name`; unknown or ambiguous names are errors at `position`.
    func publishedTable(schema schemaName: ADQLIdentifier?, name: ADQLIdentifier,
                        position: ADQLPosition) throws(ADQLError) -> ADQLSchema.Table {
        let candidates = schema.tables.filter { table in
            name.matches(table.name) && (schemaName.map { $0.matches(table.schema) } ?? true)
        }
        let written = (schemaName.map { $0.name + "." } ?? "") + name.name
        guard let table = candidates.first else {
            throw ADQLError("no table '\(written)' in the published schema", at: position)
        }
        if candidates.count > 1 {
            throw ADQLError("table '\(written)' is ambiguous (in schemas "
                            + candidates.map(\.schema).joined(separator: ", ") + "); qualify it with its schema", at: position)
        }
        return table
    }

    /// The FROM entry a qualifier names (an alias, a table name, or schema.table), searching `scope` only.
    func findEntry(_ qualifier: [ADQLIdentifier], in scope: ADQLScope) throws(ADQLError) -> ADQLRangeEntry? {
        let matches = scope.entries.filter { entry in
            if let alias = entry.alias {
                return qualifier.count == 1 && qualifier[0].matches(alias.name) && alias.matches(qualifier[0].name)
            }
            switch qualifier.count {
            case 1: return entry.tableName.map { qualifier[0].matches($0) } ?? false
            case 2:
                return (entry.schemaName.map { qualifier[0].matches($0) } ?? false)
                    && (entry.tableName.map { qualifier[1].matches($0) } ?? false)
            default: return false
            }
        }
        if matches.count > 1, let first = qualifier.first {
            throw ADQLError("table '\(qualifier.map(\.name).joined(separator: "."))' appears more than once in FROM; give it an alias",
                            at: first.position)
        }
        return matches.first
    }

    /// A column reference, searching the innermost scope first.
    func columnReference(qualifier: [ADQLIdentifier], name: ADQLIdentifier,
                         scopes: [ADQLScope], position: ADQLPosition) throws(ADQLError) -> ADQLTranslated {
        if qualifier.isEmpty { return try unqualifiedColumn(name, scopes: scopes) }
        if qualifier.count > 2 {
            throw ADQLError("catalogue names are not supported in column references", at: qualifier[0].position)
        }
        for scope in scopes {
            guard let entry = try findEntry(qualifier, in: scope) else { continue }
            let found = entry.columns.filter { name.matches($0.name) }
            guard let column = found.first else {
                throw ADQLError("no column '\(name.name)' in \(entry.display)", at: name.position)
            }
            if found.count > 1 { throw ADQLError("column '\(name.name)' is ambiguous in \(entry.display)", at: name.position) }
            return translated(entry, column)
        }
        throw ADQLError("no table '\(qualifier.map(\.name).joined(separator: "."))' in FROM", at: position)
    }

    func unqualifiedColumn(_ name: ADQLIdentifier, scopes: [ADQLScope]) throws(ADQLError) -> ADQLTranslated {
        for scope in scopes {
            if let merged = scope.merged[name.name.lowercased()], name.matches(merged.column ?? name.name) || !name.delimited {
                return merged
            }
            let found = scope.entries.flatMap { entry in entry.columns.filter { name.matches($0.name) }.map { (entry, $0) } }
            if found.count > 1 {
                throw ADQLError("column '\(name.name)' is ambiguous (in " + found.map(\.0.display).joined(separator: ", ")
                                + "); qualify it", at: name.position)
            }
            if let (entry, column) = found.first { return translated(entry, column) }
        }
        let tables = scopes.first?.entries.map(\.display) ?? []
        let place = tables.count == 1 ? tables[0] : "the tables of FROM"
        throw ADQLError("no column '\(name.name)' in \(place)", at: name.position)
    }
}
