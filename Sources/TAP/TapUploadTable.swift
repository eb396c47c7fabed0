import ADQL
import Formats
import Store

/// The `UPLOAD` parameter (TAP 1.1 section 3.5.2, DALI 1.1 section 3.4.5): `name,param:part` names the
/// table `TAP_UPLOAD.name` and the multipart part carrying it; `name,https://...` a VOTable the service
/// fetches. One table per query is served.
public struct TapUploadReference: Sendable, Equatable {
    /// Where the VOTable is.
    public enum Source: Sendable, Equatable {
        /// The multipart part of this name (inline upload).
        case part(String)
        /// An http or https URL the service fetches.
        case url(String)
    }

    /// The table's ADQL name, queried as `TAP_UPLOAD.<tableName>`.
    public var tableName: String
    public var source: Source

    public init(tableName: String, source: Source) {
        self.tableName = tableName
        self.source = source
    }

    /// Reads an `UPLOAD` value.
    public init(parameter text: String) throws(TapError) {
        let pairs = text.split(separator: ";", omittingEmptySubsequences: true)
        guard pairs.count == 1, let pair = pairs.first else {
            throw .invalidParameter(name: "UPLOAD", reason: "one uploaded table per query is served ('\(text)' names \(pairs.count))")
        }
        guard let comma = pair.firstIndex(of: ",") else {
            throw .invalidParameter(name: "UPLOAD", reason: "'\(text)' is not name,param:part or name,URL")
        }
        let name = String(pair[..<comma]).trimmingSpaces
        let location = String(pair[pair.index(after: comma)...]).trimmingSpaces
        guard Self.isRegularIdentifier(name) else {
            throw .invalidParameter(name: "UPLOAD", reason: "'\(name)' is not a table name (a letter, then letters, digits or _)")
        }
        let lowered = location.lowercased()
        if lowered.hasPrefix("param:"), location.count > "param:".count {
            self.init(tableName: name, source: .part(String(location.dropFirst("param:".count))))
        } else if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            self.init(tableName: name, source: .url(location))
        } else {
            throw .invalidParameter(name: "UPLOAD", reason: "table \(name) must come inline (param:<part>) or from an http(s) URL, not '\(location)'")
        }
    }

    static func isRegularIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
            && !ADQLReservedWords.contains(name)
    }

    /// Where the table is, for messages.
    public var sourceDescription: String {
        switch source {
        case let .part(name): return "part \(name)"
        case let .url(url): return url
        }
    }
}

/// An uploaded table: the VOTable a client sent, read and typed, queried as `TAP_UPLOAD.<name>`. It
/// lives as a temporary table of the query's session (created before the query's `READ ONLY`
/// transaction, gone with the connection), so users' uploads never meet.
///
/// Columns keep their VOTable names in ADQL (write a name that is not a regular identifier delimited,
/// `"RA (deg)"`); in the database they are `c1`, `c2`, ... . Scalar columns of every VOTable type and
/// text columns are served; other arrays are refused, naming the column.
public struct TapUploadTable: Sendable {
    /// The SQL table in the session's temporary schema.
    static let sqlName = "tap_upload"
    /// Most rows one INSERT carries (PostgreSQL binds at most 65,535 parameters a statement).
    static let maximumParameters = 30_000

    public struct Column: Sendable, Equatable {
        public var name: String
        public var sqlName: String
        /// The column's SQL type (`double precision`, `text`, ...).
        public var sqlType: String
        public var type: ADQLType
    }

    public let name: String
    public let columns: [Column]
    public let rows: [[VOTableValue]]

    /// Reads `document` (a VOTable) as table `TAP_UPLOAD.<name>`; at most `maximumBytes` bytes.
    public init(name: String, document: [UInt8], maximumBytes: Int) throws(TapError) {
        guard document.count <= maximumBytes else {
            throw .invalidParameter(name: "UPLOAD", reason: "the uploaded table is \(document.count) bytes; at most \(maximumBytes) are taken")
        }
        let table: VOTableTable
        do {
            table = try VOTableReader.read(document)
        } catch {
            throw .invalidParameter(name: "UPLOAD", reason: "table \(name) is not a VOTable this service reads: \(error)")
        }
        guard !table.fields.isEmpty else { throw .invalidParameter(name: "UPLOAD", reason: "table \(name) has no columns") }
        var columns: [Column] = []
        for (k, field) in table.fields.enumerated() {
            guard let (sqlType, type) = Self.sqlType(field) else {
                throw .invalidParameter(name: "UPLOAD", reason: "column \(field.name) of table \(name) is an array of \(field.datatype.rawValue); only scalars and text are taken")
            }
            columns.append(Column(name: field.name, sqlName: "c\(k + 1)", sqlType: sqlType, type: type))
        }
        self.name = name
        self.columns = columns
        self.rows = table.rows
    }

    /// The SQL and ADQL types of a field, nil for an array that is not text.
    static func sqlType(_ field: VOTableField) -> (String, ADQLType)? {
        let scalar = field.arraysize == nil || field.arraysize == "1"
        switch field.datatype {
        case .char, .unicodeChar:
            return field.xtype?.lowercased() == "timestamp" ? ("timestamptz", .timestamp) : ("text", .varchar)
        case .boolean: return scalar ? ("boolean", .boolean) : nil
        case .short: return scalar ? ("smallint", .smallint) : nil
        case .int: return scalar ? ("integer", .integer) : nil
        case .long: return scalar ? ("bigint", .bigint) : nil
        case .float: return scalar ? ("real", .real) : nil
        case .double: return scalar ? ("double precision", .double) : nil
        }
    }

    /// The table as the ADQL translator sees it.
    var schemaTable: ADQLSchema.Table {
        ADQLSchema.Table(schema: "TAP_UPLOAD", name: name, sqlSchema: "pg_temp", sqlName: Self.sqlName,
                         columns: columns.map { ADQLSchema.Column(name: $0.name, sqlName: $0.sqlName, type: $0.type) })
    }

    /// Creates the temporary table on `connection` (outside a transaction) and fills it.
    func create(on connection: PostgresConnection) throws(PostgresError) {
        var definition: SQL = "CREATE TEMPORARY TABLE \(identifier: Self.sqlName) ("
        for (k, column) in columns.enumerated() {
            definition = definition + (k == 0 ? "" : ", ") + "\(identifier: column.sqlName) " + SQL(stringLiteral: column.sqlType)
        }
        _ = try connection.execute(definition + ")", name: "tap_upload_create")
        let rowsPerStatement = max(1, Self.maximumParameters / columns.count)
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + rowsPerStatement)]
            var insert: SQL = "INSERT INTO pg_temp.\(identifier: Self.sqlName) VALUES "
            for (r, row) in batch.enumerated() {
                insert = insert + (r == 0 ? "(" : ", (")
                for (k, column) in columns.enumerated() {
                    insert = insert + (k == 0 ? "" : ", ") + Self.cell(row[k], as: column)
                }
                insert = insert + ")"
            }
            _ = try connection.execute(insert, name: "tap_upload_insert")
            start += batch.count
        }
        _ = try connection.execute("ANALYZE pg_temp.\(identifier: Self.sqlName)", name: "tap_upload_analyze")
    }

    /// One cell as a bound value cast to its column's type.
    static func cell(_ value: VOTableValue, as column: Column) -> SQL {
        let cast = SQL(stringLiteral: "::" + column.sqlType)
        switch value {
        case .null: return "NULL" + cast
        case let .boolean(flag): return "\(flag)" + cast
        case let .integer(number): return "\(number)" + cast
        case let .double(number): return "\(number)" + cast
        case let .text(text): return "\(text)" + cast
        case .doubleArray, .integerArray: return "NULL" + cast
        }
    }
}
