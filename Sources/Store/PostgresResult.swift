import CLibPQ

/// The rows of one statement's result, in binary format. Owns its `PGresult`, freed in `deinit`.
///
/// Not Sendable: read it on the thread that ran the query. Decode values with
/// ``PostgresRow/decode(_:_:)``; errors name the column.
public final class PostgresResult {
    let handle: OpaquePointer
    /// Number of rows.
    public let count: Int
    /// Column names, in order.
    public let columns: [String]
    private let columnIndex: [String: Int]
    private let columnTypes: [PostgresType]

    init(handle: OpaquePointer) {
        self.handle = handle
        self.count = Int(PQntuples(handle))
        let fields = Int(PQnfields(handle))
        var names: [String] = []
        var types: [PostgresType] = []
        for i in 0..<fields {
            names.append(PQfname(handle, Int32(i)).map { String(cString: $0) } ?? "?column\(i)?")
            types.append(PostgresType(oid: PQftype(handle, Int32(i))))
        }
        self.columns = names
        self.columnTypes = types
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.columnIndex = index
    }

    deinit { PQclear(handle) }

    /// Rows changed by INSERT/UPDATE/DELETE/COPY (or returned by SELECT), from the command tag.
    public var affectedRows: Int {
        guard let tuples = PQcmdTuples(handle) else { return 0 }
        return Int(String(cString: tuples)) ?? 0
    }

    /// The server's type of column `column` (0-based), e.g. to choose how to decode a query's cells
    /// when the query was not written by this program (TAP). Throws outside the result's columns.
    public func columnType(at column: Int) throws(PostgresError) -> PostgresType {
        guard column >= 0, column < columnTypes.count else { throw .noSuchColumn("#\(column)", available: columns) }
        return columnTypes[column]
    }

    /// Whether the cell at `row`, `column` is NULL (false outside the result).
    public func isNull(row: Int, column: Int) -> Bool {
        guard row >= 0, row < count, column >= 0, column < columnTypes.count else { return false }
        return PQgetisnull(handle, Int32(row), Int32(column)) != 0
    }

    /// The rows, as a random-access collection.
    public var rows: PostgresRows { PostgresRows(result: self) }

    /// The first row, or nil if there is none.
    public var first: PostgresRow? { count > 0 ? PostgresRow(result: self, index: 0) : nil }

    /// The row at `index`, throwing ``PostgresError/noSuchRow(_:count:)`` outside the result.
    public func row(_ index: Int) throws(PostgresError) -> PostgresRow {
        guard index >= 0, index < count else { throw .noSuchRow(index, count: count) }
        return PostgresRow(result: self, index: index)
    }

    func columnNumber(_ name: String) throws(PostgresError) -> Int {
        guard let index = columnIndex[name] else { throw .noSuchColumn(name, available: columns) }
        return index
    }

    func decode<T: PostgresDecodable>(_: T.Type, row: Int, column: Int) throws(PostgresError) -> T {
        guard column >= 0, column < columns.count else { throw .noSuchColumn("#\(column)", available: columns) }
        let name = columns[column]
        if PQgetisnull(handle, Int32(row), Int32(column)) != 0 { return try T.decodePostgresNull(column: name) }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        guard let pointer = PQgetvalue(handle, Int32(row), Int32(column)) else {
            return try T.decodePostgresNull(column: name)
        }
        let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer), count: length)
        return try T.decodePostgres(bytes, type: columnTypes[column], column: name)
    }
}

/// The rows of a ``PostgresResult``.
public struct PostgresRows: RandomAccessCollection {
    let result: PostgresResult
    public var startIndex: Int { 0 }
    public var endIndex: Int { result.count }
    public subscript(position: Int) -> PostgresRow { PostgresRow(result: result, index: position) }
}

/// One row of a result. Valid while its ``PostgresResult`` is alive (it keeps it alive).
public struct PostgresRow {
    let result: PostgresResult
    /// The row's index in the result.
    public let index: Int

    /// Decodes column `column` (by name) as `T`. NULL decodes only into an `Optional`.
    /// Throws a ``PostgresError`` naming the column on a missing column, NULL or type mismatch.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws(PostgresError) -> T {
        try result.decode(type, row: index, column: try result.columnNumber(column))
    }

    /// Decodes the column at position `column` (0-based) as `T`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws(PostgresError) -> T {
        try result.decode(type, row: index, column: column)
    }
}
