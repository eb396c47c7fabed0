import Foundation
import Store

/// A job that failed for good (`dead`), with its last error.
public struct DeadJobRow: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var attempts: Int
    public var lastError: String?
    public var finishedAt: Date?

    init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode(Int64.self, "id")
        kind = try row.decode(String.self, "kind")
        attempts = try row.decode(Int.self, "attempt")
        lastError = try row.decode(String?.self, "last_error")
        finishedAt = try row.decode(Date?.self, "finished_at")
    }
}
