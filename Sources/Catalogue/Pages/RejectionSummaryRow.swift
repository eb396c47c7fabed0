import Foundation
import Store

/// Rejections of one stage for one reason, with the newest as an example.
public struct RejectionSummaryRow: Sendable, Equatable {
    /// `ingest_lamost`, `preprocess`, `predict`, ...
    public var stage: String
    public var reasonCode: String
    public var count: Int
    /// The newest rejection's object (a file, an obsid) and its reason in words.
    public var exampleObject: String
    public var exampleReason: String
    public var newestAt: Date

    init(row: PostgresRow) throws(PostgresError) {
        stage = try row.decode(String.self, "stage")
        reasonCode = try row.decode(String.self, "reason_code")
        count = try row.decode(Int.self, "count")
        exampleObject = try row.decode(String.self, "object")
        exampleReason = try row.decode(String.self, "reason")
        newestAt = try row.decode(Date.self, "created_at")
    }
}
