/// A parsed ADQL query expression: optional common table expressions (`WITH`), a body (one SELECT or a
/// set operation), `ORDER BY` and `OFFSET`. Subqueries (in FROM, IN, EXISTS, comparisons) are queries too.
public struct ADQLQuery: Sendable, Equatable {
    public var with: [ADQLCommonTable]
    public var body: ADQLQueryBody
    public var orderBy: [ADQLOrderItem]
    public var offset: Int64?
    /// Where the query (its first keyword) starts.
    public var position: ADQLPosition
}

/// `name AS (query)` in a WITH clause.
public struct ADQLCommonTable: Sendable, Equatable {
    public var name: ADQLIdentifier
    public var query: ADQLQuery
}

/// A SELECT, or two bodies joined by UNION / INTERSECT / EXCEPT.
public indirect enum ADQLQueryBody: Sendable, Equatable {
    case select(ADQLSelect)
    case setOperation(ADQLSetOperator, all: Bool, ADQLQueryBody, ADQLQueryBody, position: ADQLPosition)
    /// A parenthesised query used as a set-operation operand (it may carry its own ORDER BY / OFFSET).
    case nested(ADQLQuery)
}

public enum ADQLSetOperator: String, Sendable, Equatable {
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
}

/// One query specification: SELECT [ALL|DISTINCT] [TOP n] items FROM ... WHERE ... GROUP BY ... HAVING ...
public struct ADQLSelect: Sendable, Equatable {
    public var distinct: Bool
    public var top: Int64?
    public var items: [ADQLSelectItem]
    public var from: [ADQLTableReference]
    public var whereClause: ADQLExpression?
    public var groupBy: [ADQLExpression]
    public var having: ADQLExpression?
    public var position: ADQLPosition
}

/// An entry of the select list.
public enum ADQLSelectItem: Sendable, Equatable {
    /// `*`.
    case all(position: ADQLPosition)
    /// `t.*` or `schema.t.*` (the qualifier's parts).
    case allOf([ADQLIdentifier], position: ADQLPosition)
    /// An expression with an optional alias.
    case expression(ADQLExpression, alias: ADQLIdentifier?)
}

/// `ORDER BY` entry: an expression (a column, an output alias, or a 1-based position) and its direction.
public struct ADQLOrderItem: Sendable, Equatable {
    public var expression: ADQLExpression
    public var descending: Bool
}

/// A name as written: `delimited` names ("quoted") match exactly, others case-insensitively.
public struct ADQLIdentifier: Sendable, Equatable {
    public var name: String
    public var delimited: Bool
    public var position: ADQLPosition

    public init(name: String, delimited: Bool, position: ADQLPosition) {
        self.name = name
        self.delimited = delimited
        self.position = position
    }

    /// Whether this name designates `candidate` (a name as published).
    public func matches(_ candidate: String) -> Bool {
        delimited ? name == candidate : name.lowercased() == candidate.lowercased()
    }
}
