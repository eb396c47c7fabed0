/// What an ADQL query may name: the published tables and their columns, each with the ADQL name the
/// user writes and the SQL name the translator emits (as an identifier fragment).
/// Upload tables are a schema named `TAP_UPLOAD` among the others.
public struct ADQLSchema: Sendable {
    /// A published column: `name` as in ADQL (and TAP_SCHEMA), `sqlName` in the database.
    public struct Column: Sendable {
        public var name: String
        public var sqlName: String
        public var type: ADQLType

        public init(name: String, sqlName: String, type: ADQLType) {
            self.name = name
            self.sqlName = sqlName
            self.type = type
        }
    }

    /// A published table: `schema.name` as in ADQL; `sqlSchema` (nil: the search path) and `sqlName` in
    /// the database; its columns in their published order (the order `SELECT *` expands to).
    public struct Table: Sendable {
        public var schema: String
        public var name: String
        public var sqlSchema: String?
        public var sqlName: String
        public var columns: [Column]

        public init(schema: String, name: String, sqlSchema: String?, sqlName: String, columns: [Column]) {
            self.schema = schema
            self.name = name
            self.sqlSchema = sqlSchema
            self.sqlName = sqlName
            self.columns = columns
        }

        /// "schema.name", as output columns report it.
        public var qualifiedName: String { "\(schema).\(name)" }
    }

    public var tables: [Table]

    public init(tables: [Table]) {
        self.tables = tables
    }
}

/// The ADQL/TAP type of a column or expression, as far as the translator knows it.
public enum ADQLType: Sendable, Hashable {
    case smallint, integer, bigint, real, double, boolean, char, varchar, timestamp, point, unknown

    var isNumeric: Bool { [.smallint, .integer, .bigint, .real, .double].contains(self) }
    var isExactNumeric: Bool { [.smallint, .integer, .bigint].contains(self) }
}
