import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs one parameterised statement and returns its rows (binary format).
    ///
    /// - Parameters:
    ///   - sql: one statement with `$1`, `$2`... placeholders; never interpolate values into it.
    ///   - parameters: values for the placeholders (`nil` optionals and ``PostgresNull`` are NULL).
    ///   - name: when given, the statement is prepared once per connection under this name and
    ///     reused (faster for hot queries); the name also labels errors.
    /// - Throws: ``PostgresError/server(sqlState:message:detail:statement:)`` for a rejected
    ///   statement, ``PostgresError/connectionLost(statement:message:)`` when the connection broke.
    ///
    /// Prefer ``query(_:name:)-(SQL,_)`` with an ``SQL`` value: a literal with interpolations resolves to
    /// it (this text overload is disfavoured), so `\(value)` always binds a parameter.
    @discardableResult @_disfavoredOverload
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = [], name: String? = nil) throws(PostgresError) -> PostgresResult {
        let label = name ?? Self.label(sql)
        let bound = try BoundParameters(parameters)
        let result: OpaquePointer?
        if let name {
            let statement = try prepare(sql, name: name, types: bound.types)
            result = bound.withPointers { values, lengths, formats in
                PQexecPrepared(handle, statement, Int32(bound.count), values, lengths, formats, 1)
            }
        } else {
            result = bound.withPointers { values, lengths, formats in
                bound.types.withUnsafeBufferPointer { types in
                    PQexecParams(handle, sql, Int32(bound.count), types.baseAddress, values, lengths, formats, 1)
                }
            }
        }
        return try check(result, statement: label)
    }

    /// Runs one parameterised statement and returns the number of rows it affected.
    @discardableResult @_disfavoredOverload
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = [], name: String? = nil) throws(PostgresError) -> Int {
        try query(sql, parameters, name: name).affectedRows
    }

    /// Runs a script of one or more statements with no parameters (simple query protocol), e.g.
    /// a migration file or fixed DDL. Never pass user values in `sql`.
    public func executeScript(_ sql: String, name: String) throws(PostgresError) {
        let result = PQexec(handle, sql)
        _ = try check(result, statement: name)
    }

    /// Quotes an identifier (table, column, channel name) for the rare statements that cannot take
    /// parameters (`LISTEN`, `COPY`). Dotted names (`schema.table`) are quoted part by part.
    public func quoteIdentifier(_ identifier: String) throws(PostgresError) -> String {
        var parts: [String] = []
        for part in identifier.split(separator: ".", omittingEmptySubsequences: false) {
            let text = String(part)
            guard let quoted = PQescapeIdentifier(handle, text, text.utf8.count) else {
                throw .protocolViolation("cannot quote identifier \(text): \(lastErrorMessage())")
            }
            parts.append(String(cString: quoted))
            PQfreemem(quoted)
        }
        return parts.joined(separator: ".")
    }

    /// Prepares `sql` once per connection under a server name made from `name`; the cache is keyed by the
    /// name, the parameter types and the text, so one name used for texts that differ (a query whose
    /// identifiers vary) never runs another text's statement.
    func prepare(_ sql: String, name: String, types: [UInt32]) throws(PostgresError) -> String {
        let key = name + "|" + types.map(String.init).joined(separator: ",") + "|" + sql
        if let existing = preparedStatements[key] { return existing }
        let serverName = "slam_\(preparedStatements.count)_\(name)"
        let result = types.withUnsafeBufferPointer { buffer in
            PQprepare(handle, serverName, sql, Int32(types.count), buffer.baseAddress)
        }
        _ = try check(result, statement: name)
        preparedStatements[key] = serverName
        return serverName
    }

    /// Turns a libpq result into a ``PostgresResult`` or the right error, freeing failed results.
    func check(_ result: OpaquePointer?, statement: String) throws(PostgresError) -> PostgresResult {
        guard let result else {
            throw .connectionLost(statement: statement, message: lastErrorMessage())
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_SINGLE_TUPLE:
            return PostgresResult(handle: result)
        default:
            let sqlState = Self.field(result, "C")
            let message = Self.field(result, "M") ?? lastErrorMessage()
            let detail = Self.field(result, "D")
            PQclear(result)
            if sqlState == nil || PQstatus(handle) != CONNECTION_OK {
                throw .connectionLost(statement: statement, message: message)
            }
            let error = PostgresError.server(sqlState: sqlState ?? "XX000", message: message, detail: detail, statement: statement)
            throw error
        }
    }

    static func field(_ result: OpaquePointer, _ code: Character) -> String? {
        guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
        return String(cString: value)
    }

    static func label(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > 60 ? "\"\(flat.prefix(57))...\"" : "\"\(flat)\""
    }
}

/// Parameters encoded for libpq: one byte buffer each, types and formats.
struct BoundParameters {
    var buffers: [[UInt8]?] = []
    var types: [UInt32] = []
    var formats: [Int32] = []
    var count: Int { buffers.count }

    init(_ parameters: [any PostgresEncodable]) throws(PostgresError) {
        buffers.reserveCapacity(parameters.count)
        for parameter in parameters {
            let type = parameter.postgresType
            types.append(type.oid)
            if parameter.isPostgresNull {
                buffers.append(nil)
                formats.append(1)
                continue
            }
            var bytes: [UInt8] = []
            try parameter.encodePostgres(into: &bytes, as: type)
            if type == .unspecified {
                // Text format (the server infers the type); libpq wants a NUL-terminated string.
                if bytes.contains(0) {
                    throw .encoding(value: "String", targetType: 0, reason: "contains a NUL character")
                }
                bytes.append(0)
                formats.append(0)
            } else {
                formats.append(1)
            }
            buffers.append(bytes)
        }
    }

    func withPointers<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        var lengths: [Int32] = []
        var pointers: [UnsafePointer<CChar>?] = []
        lengths.reserveCapacity(count)
        pointers.reserveCapacity(count)
        // Copy into one contiguous allocation so the pointers stay valid for the call.
        let total = buffers.reduce(0) { $0 + ($1?.count ?? 0) }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(total, 1))
        defer { storage.deallocate() }
        var offset = 0
        for buffer in buffers {
            guard let buffer else {
                pointers.append(nil)
                lengths.append(0)
                continue
            }
            buffer.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { (storage + offset).initialize(from: base, count: source.count) }
            }
            pointers.append(UnsafeRawPointer(storage + offset).assumingMemoryBound(to: CChar.self))
            lengths.append(Int32(buffer.count))
            offset += buffer.count
        }
        return pointers.withUnsafeBufferPointer { p in
            lengths.withUnsafeBufferPointer { l in
                formats.withUnsafeBufferPointer { f in body(p.baseAddress, l.baseAddress, f.baseAddress) }
            }
        }
    }
}
