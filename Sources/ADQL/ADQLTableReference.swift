/// An entry of FROM: a table, a subquery, or a join of two entries.
public indirect enum ADQLTableReference: Sendable, Equatable {
    /// `[schema.]table [[AS] alias]`.
    case table(schema: ADQLIdentifier?, name: ADQLIdentifier, alias: ADQLIdentifier?, position: ADQLPosition)
    /// `(query) [AS] alias`.
    case subquery(ADQLQuery, alias: ADQLIdentifier, position: ADQLPosition)
    /// `left [NATURAL] [kind] JOIN right [ON ... | USING (...)]`; comma joins are `.cross`.
    case join(ADQLJoinKind, natural: Bool, ADQLTableReference, ADQLTableReference,
              condition: ADQLJoinCondition?, position: ADQLPosition)
}

public enum ADQLJoinKind: String, Sendable, Equatable {
    case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
}

public enum ADQLJoinCondition: Sendable, Equatable {
    case on(ADQLExpression)
    case using([ADQLIdentifier])
}
