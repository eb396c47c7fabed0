import Foundation
import Formats
import Store

/// A client's query running on one connection, read a page at a time: memory is bounded by the page,
/// whatever the result's size.
///
/// Opening it starts a `READ ONLY` transaction, sets the statement timeout for it (`set_config(...,
/// true)`: this transaction only), declares a `NO SCROLL` cursor for the plan's statement and fetches
/// the first page (whose result gives the columns' types, hence the VOTable fields, even when it has no
/// rows). ``nextPage()`` returns rows until the result or the plan's limit ends; one row past the limit
/// sets ``overflowed``. ``close()`` ends the transaction (always a ROLLBACK: nothing was written).
///
/// Not Sendable, like its connection: use it from one thread at a time (the server hands it from one
/// blocking call to the next, never two at once).
public final class TapQueryCursor {
    /// The fields of the result, in order (from the server's column types and TAP_SCHEMA's metadata).
    public let fields: [VOTableField]
    /// True once a row beyond the plan's limit was seen: the output is truncated (`QUERY_STATUS` OVERFLOW).
    public private(set) var overflowed = false
    /// Rows returned so far.
    public private(set) var rowCount = 0

    private let connection: PostgresConnection
    private let types: [PostgresType]
    private let limit: Int?
    private let pageSize: Int
    private var pending: PostgresResult?
    private var finished = false
    private var open = true
    private let timestampFormat: ISO8601DateFormatter
    /// `FETCH FORWARD <pageSize>`: the count is written into the text (FETCH takes no parameter).
    private let fetch: SQL

    /// Runs `plan` on `connection` (which must not be inside a transaction), `pageSize` rows per fetch.
    public init(plan: TapQueryPlan, connection: PostgresConnection, statementTimeoutMilliseconds: Int,
                pageSize: Int = 2000) throws(TapError) {
        self.connection = connection
        self.limit = plan.limit
        self.pageSize = max(1, pageSize)
        fetch = SQL(stringLiteral: "FETCH FORWARD \(max(1, pageSize)) FROM tap_result")
        timestampFormat = TapTimestamp.formatter()
        do {
            try connection.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", name: "tap_begin")
            _ = try connection.query("SELECT set_config('statement_timeout', \(String(max(1, statementTimeoutMilliseconds))), true)",
                                     name: "tap_timeout")
            _ = try connection.execute("DECLARE tap_result NO SCROLL CURSOR FOR " + plan.statement, name: "tap_declare")
            let first = try connection.query(fetch, name: "tap_fetch")
            guard first.columns.count == plan.columns.count else {
                throw TapError.serviceFailure("the statement returned \(first.columns.count) columns where the plan has \(plan.columns.count)")
            }
            var types: [PostgresType] = []
            var fields: [VOTableField] = []
            for (index, column) in plan.columns.enumerated() {
                let type = try first.columnType(at: index)
                types.append(type)
                fields.append(try column.field(type: type))
            }
            self.types = types
            self.fields = fields
            pending = first
        } catch let error as PostgresError {
            Self.rollback(connection)
            throw TapError.from(error)
        } catch let error as TapError {
            Self.rollback(connection)
            throw error
        } catch {
            Self.rollback(connection)
            throw TapError.serviceFailure("\(error)")
        }
    }

    deinit { if open { Self.rollback(connection) } }

    /// The next rows (at most `pageSize`), nil when the result (or the limit) is exhausted.
    public func nextPage() throws(TapError) -> [[VOTableValue]]? {
        guard !finished else { return nil }
        let result: PostgresResult
        if let pending {
            result = pending
            self.pending = nil
        } else {
            do {
                result = try connection.query(fetch, name: "tap_fetch")
            } catch {
                finished = true
                throw TapError.from(error)
            }
        }
        if result.count < pageSize { finished = true }
        var rows: [[VOTableValue]] = []
        rows.reserveCapacity(result.count)
        for row in result.rows {
            if let limit, rowCount >= limit {
                overflowed = true
                finished = true
                break
            }
            rows.append(try values(of: row))
            rowCount += 1
        }
        if rows.isEmpty, finished { return nil }
        return rows
    }

    /// Ends the transaction. Called again, or after an error, it does nothing.
    public func close() {
        guard open else { return }
        open = false
        Self.rollback(connection)
    }

    private static func rollback(_ connection: PostgresConnection) {
        if connection.isInTransaction { _ = try? connection.executeScript("ROLLBACK", name: "tap_rollback") }
    }

    /// One row's cells, decoded by the server's column types.
    private func values(of row: PostgresRow) throws(TapError) -> [VOTableValue] {
        var cells: [VOTableValue] = []
        cells.reserveCapacity(types.count)
        do {
            for (index, type) in types.enumerated() {
                cells.append(try value(row, index, type))
            }
        } catch {
            throw .serviceFailure("could not read a result cell: \(error)")
        }
        return cells
    }

    private func value(_ row: PostgresRow, _ index: Int, _ type: PostgresType) throws(PostgresError) -> VOTableValue {
        switch type {
        case .bool: return try row.decode(Bool?.self, at: index).map(VOTableValue.boolean) ?? .null
        case .int2, .int4, .int8: return try row.decode(Int64?.self, at: index).map(VOTableValue.integer) ?? .null
        case .float4, .float8, .numeric: return try row.decode(Double?.self, at: index).map(VOTableValue.double) ?? .null
        case .timestamp, .timestamptz, .date:
            return try row.decode(Date?.self, at: index).map { .text(timestampFormat.string(from: $0)) } ?? .null
        case .int2Array, .int4Array, .int8Array:
            return try row.decode([Int]?.self, at: index).map { .integerArray($0.map { Int64($0) }) } ?? .null
        case .float4Array, .float8Array:
            return try row.decode([Double]?.self, at: index).map { .doubleArray($0.map(Optional.some)) } ?? .null
        default:
            return try row.decode(String?.self, at: index).map(VOTableValue.text) ?? .null
        }
    }
}
