import Foundation
import Store

/// One promotion of the registry (`model_promotion`): which model became current for a label set,
/// instead of which, who decided and why.
public struct ModelPromotionRow: Sendable, Equatable {
    public var promotionID: Int
    public var labelSet: String
    public var modelID: Int
    public var previousModelID: Int?
    /// `rule` or `user`.
    public var decidedBy: String
    /// The reasons as stored (JSON text).
    public var reasons: String
    public var promotedAt: Date

    init(row: PostgresRow) throws(PostgresError) {
        promotionID = try row.decode(Int.self, "promotion_id")
        labelSet = try row.decode(String.self, "label_set")
        modelID = try row.decode(Int.self, "model_id")
        previousModelID = try row.decode(Int?.self, "previous_model_id")
        decidedBy = try row.decode(String.self, "decided_by")
        reasons = try row.decode(String.self, "reasons")
        promotedAt = try row.decode(Date.self, "promoted_at")
    }
}
