import Formats
import Foundation

/// A running query's result as bytes in the client's format: ``header()``, then ``next()`` until it
/// returns nil, which also ends the query's transaction. An error after the first bytes ends a VOTable
/// with `INFO name="QUERY_STATUS" value="ERROR"` after the table (a client reads what came and the
/// error); CSV and TSV simply end.
///
/// `@unchecked Sendable`: it holds a cursor and its connection, which are not thread-safe. The server
/// hands it from one blocking call to the next (one page, then the next), never to two at once; the
/// lock makes a second concurrent caller wait rather than corrupt the connection.
public final class TapResultStream: @unchecked Sendable {
    private let lock = NSLock()
    private let cursor: TapQueryCursor
    private var encoder: TapResultEncoder
    private var done = false

    init(cursor: TapQueryCursor, format: TapOutputFormat, query: String) {
        self.cursor = cursor
        encoder = TapResultEncoder(fields: cursor.fields, format: format, query: query)
    }

    /// The result's fields.
    public var fields: [VOTableField] { cursor.fields }

    /// The document up to the first row.
    public func header() -> [UInt8] {
        lock.lock(); defer { lock.unlock() }
        return encoder.header()
    }

    /// The bytes of the next page of rows, or of the end of the document; nil once everything was written.
    public func next() -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        guard !done else { return nil }
        do {
            if let rows = try cursor.nextPage() {
                return try encoder.encode(rows: rows)
            }
            done = true
            cursor.close()
            return encoder.footer(overflow: cursor.overflowed)
        } catch {
            done = true
            cursor.close()
            return encoder.footer(overflow: false, error: "\(error)")
        }
    }

    /// Rows written so far; whether the limit cut the result.
    public var rowCount: Int { cursor.rowCount }
    public var overflowed: Bool { cursor.overflowed }

    /// Ends the query's transaction if the client went away before the end.
    public func close() {
        lock.lock(); defer { lock.unlock() }
        done = true
        cursor.close()
    }
}
