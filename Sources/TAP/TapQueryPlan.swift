import ADQL
import Catalogue
import Formats
import Store

/// A client's ADQL made ready to run: the PostgreSQL statement (user strings bound as parameters,
/// names quoted), the result's VOTable fields as TAP_SCHEMA describes them, and the row cap.
///
/// The translator only ever names the published tables (the views of schema `slam` and TAP_SCHEMA);
/// the role the statement runs as (`slam_tap`) and its READ ONLY transaction are the security
/// boundary, not this plan (docs/tap.md).
public struct TapQueryPlan: Sendable {
    /// The statement to run (a SELECT, possibly with WITH).
    public var statement: SQL
    /// One entry per result column, in order: the column's published metadata when it is a plain
    /// published column, else only its name.
    public var columns: [TapResultColumn]
    /// The number of rows to return at most: more rows than this means the result overflowed.
    public var limit: Int?

    /// Parses and translates `adql` against `tables` and the uploaded table, if any (`TAP_UPLOAD.<name>`),
    /// capping the result at `maxRecords` rows.
    public init(adql: String, tables: [PublishedTable], upload: TapUploadTable? = nil, maxRecords: Int?) throws(TapError) {
        let query: ADQLQuery
        let translation: ADQLTranslation
        var schema = Self.schema(of: tables)
        if let upload { schema.tables.append(upload.schemaTable) }
        do {
            query = try ADQLParser.parse(adql)
            translation = try ADQLTranslator(schema: schema, maxRows: maxRecords).translate(query)
        } catch {
            throw .invalidQuery(error)
        }
        self.init(translation: translation, tables: tables)
    }

    /// A plan from a translation (tests build translations by hand).
    init(translation: ADQLTranslation, tables: [PublishedTable]) {
        statement = Self.render(translation.fragments)
        var published: [String: PublishedTable] = [:]
        for table in tables { published[table.qualifiedName.lowercased()] = table }
        columns = translation.columns.map { output in
            let metadata = output.table.flatMap { published[$0.lowercased()] }
                .flatMap { table in output.column.flatMap(table.column) }
            return TapResultColumn(name: output.name, published: metadata)
        }
        limit = translation.limit
    }

    /// The published tables as the translator's schema. ADQL names equal the database names (a column
    /// published delimited, `"size"`, is `size`: ADQL finds it when written delimited, as it must be).
    static func schema(of tables: [PublishedTable]) -> ADQLSchema {
        ADQLSchema(tables: tables.map { table in
            ADQLSchema.Table(schema: table.schemaName, name: table.tableName, sqlSchema: table.schemaName,
                             sqlName: table.tableName,
                             columns: table.columns.map { column in
                                 ADQLSchema.Column(name: column.databaseName, sqlName: column.databaseName, type: adqlType(of: column))
                             })
        })
    }

    /// The ADQL type of a published column, from its VOTable datatype and xtype.
    static func adqlType(of column: PublishedColumn) -> ADQLType {
        switch column.datatype {
        case "short", "unsignedByte": return .smallint
        case "int": return .integer
        case "long": return .bigint
        case "float": return .real
        case "double": return .double
        case "boolean": return .boolean
        case "char", "unicodeChar":
            if column.xtype == "timestamp" { return .timestamp }
            return column.arraysize == nil ? .char : .varchar
        default: return .unknown
        }
    }

    /// The fragments as one `SQL`: translator text as is, identifiers quoted, strings bound.
    static func render(_ fragments: [ADQLFragment]) -> SQL {
        var statement: SQL = ""
        for fragment in fragments {
            switch fragment {
            case let .sql(text): statement = statement + SQL(stringLiteral: text)
            case let .identifier(name): statement = statement + "\(identifier: name)"
            case let .string(value): statement = statement + "\(value)"
            }
        }
        return statement
    }
}
