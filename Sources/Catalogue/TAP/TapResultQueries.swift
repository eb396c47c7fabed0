import Foundation
import Store

/// Named queries of `tap_result_chunk` (migration 0027): the result document of an asynchronous TAP job,
/// stored in chunks of about ``chunkBytes`` so that neither the worker writing it nor the server sending it
/// holds more than one chunk.
public enum TapResultQueries {
    /// The chunk size writers use, bytes (1 MiB).
    public static let chunkBytes = 1 << 20

    /// Stores chunk `seq` (from 0) of job `id`'s result. Fails with SQLSTATE 23503 when the job does not
    /// exist (deleted meanwhile) and 23505 when the chunk was already written.
    public static func appendChunk(id: String, seq: Int, data: [UInt8], db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            INSERT INTO tap_result_chunk (uws_id, seq, data) VALUES (\(id), \(seq), \(Data(data)))
            """, name: "tap_result_append_chunk")
    }

    /// Chunk `seq` of job `id`'s result, or nil.
    public static func chunk(id: String, seq: Int, db: PostgresConnection) throws(PostgresError) -> [UInt8]? {
        try db.query("SELECT data FROM tap_result_chunk WHERE uws_id = \(id) AND seq = \(seq)", name: "tap_result_chunk")
            .first.map { row throws(PostgresError) in [UInt8](try row.decode(Data.self, at: 0)) }
    }

    /// Calls `body` with each chunk of job `id`'s result in `seq` order, reading one chunk at a time (a
    /// query per chunk, so memory stays at one chunk); returns the number of chunks. Nothing when the job
    /// has no result.
    @discardableResult
    public static func chunks(id: String, db: PostgresConnection, _ body: ([UInt8]) throws -> Void) throws -> Int {
        var after = -1
        var count = 0
        while let row = try db.query("""
            SELECT seq, data FROM tap_result_chunk WHERE uws_id = \(id) AND seq > \(after) ORDER BY seq LIMIT 1
            """, name: "tap_result_next_chunk").first {
            after = try row.decode(Int.self, at: 0)
            try body([UInt8](try row.decode(Data.self, at: 1)))
            count += 1
        }
        return count
    }

    /// Total size of job `id`'s stored result, bytes (0 without a result).
    public static func resultBytes(id: String, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.query("""
            SELECT coalesce(sum(octet_length(data)), 0)::bigint FROM tap_result_chunk WHERE uws_id = \(id)
            """, name: "tap_result_bytes").first?.decode(Int.self, at: 0) ?? 0
    }

    /// Deletes job `id`'s result (the job stays); returns the number of chunks deleted.
    @discardableResult
    public static func deleteResult(id: String, db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("DELETE FROM tap_result_chunk WHERE uws_id = \(id)", name: "tap_result_delete")
    }
}
