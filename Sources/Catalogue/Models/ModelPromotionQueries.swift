import Store

/// The current model of each label set (`model_current`, a view over `model_promotion`) and the promotion
/// decisions (`model_promotion`, and the rule functions of migration 0018).
public enum ModelPromotionQueries {
    /// The current models of label set `labelSet`, or of every label set when nil.
    public static func currentModels(labelSet: String?, db: PostgresConnection) throws(PostgresError) -> [Int] {
        var ids: [Int] = []
        for row in try db.query("""
            SELECT model_id FROM model_current WHERE \(labelSet)::text IS NULL OR label_set = \(labelSet)::text
            """, name: "model_current_of_label_set").rows {
            ids.append(try row.decode(Int.self, at: 0))
        }
        return ids
    }

    /// Takes the transaction-scoped lock that serialises promotions in label set `labelSet`.
    public static func lock(labelSet: String, db: PostgresConnection) throws(PostgresError) {
        try db.execute("SELECT pg_advisory_xact_lock(hashtext('promote:' || \(labelSet)))", name: "model_promotion_lock")
    }

    /// Records the promotion of `modelID` in `labelSet` over `previous` (which makes it current).
    public static func insert(labelSet: String, modelID: Int, previous: Int?, decidedBy: String, reasons: JSONB,
                              db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            INSERT INTO model_promotion (label_set, model_id, previous_model_id, decided_by, reasons)
            VALUES (\(labelSet), \(modelID), \(previous), \(decidedBy), \(reasons))
            """, name: "model_promotion_insert")
    }

    /// The promotion rule's decision for `modelID` at `tolerance` (`model_promotion_rule`):
    /// `{"promoted": bool, "reasons": {...}}`, or nil.
    public static func ruleDecision(modelID: Int, tolerance: Double, db: PostgresConnection) throws(PostgresError) -> JSONB? {
        try db.query("SELECT model_promotion_rule(\(modelID)::integer, \(tolerance))", name: "model_promotion_rule")
            .first?.decode(JSONB.self, at: 0)
    }

    /// The rule-based promotion of a model a running retrain job trained (`model_promote_by_rule`, which
    /// records it when it promotes): the decision, or nil.
    public static func promoteByRule(modelID: Int, db: PostgresConnection) throws(PostgresError) -> JSONB? {
        try db.query("SELECT model_promote_by_rule(\(modelID)::integer)", name: "model_promote_by_rule")
            .first?.decode(JSONB.self, at: 0)
    }
}
