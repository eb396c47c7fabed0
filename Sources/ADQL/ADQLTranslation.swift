/// A translated query: PostgreSQL text as fragments, the result's columns, and the row cap.
///
/// The caller builds the statement by concatenating the fragments in order: `.sql` as is, `.identifier`
/// quoted by PostgreSQL rules, `.string` bound as a text parameter (the translator writes the `::text`
/// cast after it). No text from the user reaches `.sql`.
///
/// Overflow: when `maxRows` capped the query, the emitted `LIMIT` is `maxRows + 1`, so a result with
/// more than `limit` rows means the output was truncated (TAP: QUERY_STATUS OVERFLOW) and the caller
/// returns only `limit` rows. When TOP is the cap (TOP <= maxRows) the `LIMIT` is TOP.
public struct ADQLTranslation: Sendable {
    /// PostgreSQL, in order.
    public var fragments: [ADQLFragment]
    /// The result's columns, in order.
    public var columns: [ADQLOutputColumn]
    /// The effective row cap: the smaller of TOP and maxRows (nil: neither was given).
    public var limit: Int?

    public init(fragments: [ADQLFragment], columns: [ADQLOutputColumn], limit: Int?) {
        self.fragments = fragments
        self.columns = columns
        self.limit = limit
    }
}

/// A piece of the translated statement.
public enum ADQLFragment: Sendable, Equatable {
    /// Text the translator wrote itself (keywords, operators, numbers it formatted, function names it chose).
    case sql(String)
    /// A name to be quoted by the caller (PostgreSQL rules).
    case identifier(String)
    /// A string literal from the user: the caller binds it as a text parameter.
    case string(String)
}

/// A column of the translated query's result.
public struct ADQLOutputColumn: Sendable, Equatable {
    /// As the client sees it (alias, column name, or a generated name for expressions).
    public var name: String
    /// The published table (`schema.name` as in `ADQLSchema`) when the column is a plain column.
    public var table: String?
    /// The published column name when the column is a plain column.
    public var column: String?
    /// Best knowledge; `.unknown` when it cannot tell.
    public var type: ADQLType

    public init(name: String, table: String?, column: String?, type: ADQLType) {
        self.name = name
        self.table = table
        self.column = column
        self.type = type
    }
}
