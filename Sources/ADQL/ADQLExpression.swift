/// A value or condition expression with the position of its first token.
public struct ADQLExpression: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        /// A column: qualifier parts (`[schema.]table` or alias) then the column name.
        case column(qualifier: [ADQLIdentifier], name: ADQLIdentifier)
        case integer(Int64)
        case real(Double)
        case string(String)
        case null
        /// Unary `-` or `+`.
        case negate(ADQLExpression)
        /// `+ - * / ||`.
        case arithmetic(String, ADQLExpression, ADQLExpression)
        /// A function call, upper-cased name; aggregates carry `distinct`. `COUNT(*)` has no arguments
        /// and `star` set.
        case function(name: String, arguments: [ADQLExpression], distinct: Bool, star: Bool)
        /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
        case caseWhen(operand: ADQLExpression?, whens: [ADQLWhen], otherwise: ADQLExpression?)
        case cast(ADQLExpression, ADQLCastType)
        /// A scalar subquery.
        case subquery(ADQLQuery)
        /// `= <> != < <= > >=`.
        case comparison(String, ADQLExpression, ADQLExpression)
        case between(ADQLExpression, ADQLExpression, ADQLExpression, negated: Bool)
        case like(ADQLExpression, ADQLExpression, negated: Bool, caseInsensitive: Bool)
        case isNull(ADQLExpression, negated: Bool)
        case inList(ADQLExpression, [ADQLExpression], negated: Bool)
        case inQuery(ADQLExpression, ADQLQuery, negated: Bool)
        case exists(ADQLQuery)
        case not(ADQLExpression)
        case and(ADQLExpression, ADQLExpression)
        case or(ADQLExpression, ADQLExpression)
    }

    public var kind: Kind
    public var position: ADQLPosition

    public init(_ kind: Kind, at position: ADQLPosition) {
        self.kind = kind
        self.position = position
    }
}

/// `WHEN condition-or-value THEN result`.
public struct ADQLWhen: Sendable, Equatable {
    public var when: ADQLExpression
    public var then: ADQLExpression
}

/// The target types of CAST in ADQL 2.1 (geometric targets are refused by the parser).
public enum ADQLCastType: Sendable, Equatable {
    case smallint, integer, bigint, real, doublePrecision, timestamp
    case char(Int64?)
    case varchar(Int64?)
}
