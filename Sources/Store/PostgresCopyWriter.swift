import CLibPQ

/// Writes rows of a binary `COPY table (columns) FROM STDIN`: created by
/// ``PostgresConnection/copyIn(table:columns:_:)``, which ends the COPY after its closure.
///
/// Each value is encoded as its target column's type (looked up from the catalogue), so an `Int`
/// goes into an `int4` column (range-checked), a `[Float]` into `float4[]`, a `String` or
/// ``JSONB`` into `jsonb`. Rows are buffered and sent in chunks of about 1 MiB.
public final class PostgresCopyWriter {
    let connection: PostgresConnection
    /// The target table.
    public let table: String
    /// The target columns, in row order.
    public let columns: [String]
    let types: [PostgresType]
    var buffer: [UInt8] = []
    /// Rows appended so far.
    public private(set) var rowCount = 0

    init(connection: PostgresConnection, table: String, columns: [String], types: [PostgresType]) {
        self.connection = connection
        self.table = table
        self.columns = columns
        self.types = types
        buffer.reserveCapacity(1 << 20)
        // Header: signature, flags, header-extension length.
        buffer.append(contentsOf: Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
        PostgresBinary.append(Int32(0), to: &buffer)
        PostgresBinary.append(Int32(0), to: &buffer)
    }

    /// Appends one row; `values` has one entry per column (NULL: `nil` optional or ``PostgresNull``).
    /// Throws ``PostgresError/copy(table:reason:)`` on a wrong count, or an encoding error naming the column.
    public func append(_ values: [any PostgresEncodable]) throws(PostgresError) {
        guard values.count == columns.count else {
            throw .copy(table: table, reason: "row \(rowCount + 1) has \(values.count) values for \(columns.count) columns")
        }
        PostgresBinary.append(Int16(values.count), to: &buffer)
        for (index, value) in values.enumerated() {
            if value.isPostgresNull {
                PostgresBinary.append(Int32(-1), to: &buffer)
                continue
            }
            let lengthAt = buffer.count
            PostgresBinary.append(Int32(0), to: &buffer)
            do {
                try value.encodePostgres(into: &buffer, as: types[index])
            } catch {
                throw .copy(table: table, reason: "row \(rowCount + 1), column \(columns[index]): \(error)")
            }
            let length = Int32(buffer.count - lengthAt - 4).bigEndian
            withUnsafeBytes(of: length) { raw in
                for i in 0..<4 { buffer[lengthAt + i] = raw[i] }
            }
        }
        rowCount += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
        }
        buffer.removeAll(keepingCapacity: true)
        guard status == 1 else {
            throw .connectionLost(statement: "COPY \(table)", message: connection.lastErrorMessage())
        }
    }

    func finish() throws(PostgresError) -> Int {
        PostgresBinary.append(Int16(-1), to: &buffer)
        try flush()
        guard PQputCopyEnd(connection.handle, nil) == 1 else {
            throw .connectionLost(statement: "COPY \(table)", message: connection.lastErrorMessage())
        }
        return try connection.drainResults(statement: "COPY \(table)")
    }

    func abort(reason: String) {
        _ = PQputCopyEnd(connection.handle, reason)
        _ = try? connection.drainResults(statement: "COPY \(table)")
    }
}

extension PostgresConnection {
    /// Bulk-loads rows with binary `COPY table (columns) FROM STDIN`; returns the rows copied.
    ///
    /// `fill` appends rows to the writer; if it throws, the COPY is aborted (nothing is loaded) and
    /// the error rethrown. `table` may be schema-qualified; it and `columns` are quoted identifiers,
    /// never values. Throws ``PostgresError/copy(table:reason:)`` for unknown columns.
    @discardableResult
    public func copyIn(table: String, columns: [String], _ fill: (PostgresCopyWriter) throws -> Void) throws -> Int {
        let typeRows = try query("""
            SELECT a.attname::text AS name, a.atttypid::int8 AS type
            FROM pg_attribute a
            WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
            """, [try quoteIdentifier(table)], name: "copy_column_types")
        var typeByName: [String: PostgresType] = [:]
        for row in typeRows.rows {
            typeByName[try row.decode(String.self, "name")] = PostgresType(oid: UInt32(try row.decode(Int.self, "type")))
        }
        var types: [PostgresType] = []
        for column in columns {
            guard let type = typeByName[column] else {
                throw PostgresError.copy(table: table, reason: "no column \(column)")
            }
            types.append(type)
        }
        let columnList = try columns.map { (c: String) throws(PostgresError) -> String in try quoteIdentifier(c) }
        let sql = "COPY \(try quoteIdentifier(table)) (\(columnList.joined(separator: ", "))) FROM STDIN (FORMAT binary)"
        let start = PQexec(handle, sql)
        let started = try check(start, statement: "COPY \(table)")
        guard PQresultStatus(started.handle) == PGRES_COPY_IN else {
            throw PostgresError.copy(table: table, reason: "server did not enter COPY IN mode")
        }
        let writer = PostgresCopyWriter(connection: self, table: table, columns: columns, types: types)
        do {
            try fill(writer)
        } catch {
            writer.abort(reason: "aborted by client: \(error)")
            throw error
        }
        return try writer.finish()
    }

    /// Reads results until libpq has none left; returns the last command's affected rows.
    func drainResults(statement: String) throws(PostgresError) -> Int {
        var affected = 0
        var failure: PostgresError?
        while let next = PQgetResult(handle) {
            do {
                affected = try check(next, statement: statement).affectedRows
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return affected
    }
}
