import Foundation
import Store

/// The model registry: listing, promotion (explicit, or by rule after retraining), retirement.
/// A model becomes current for its label set only by promotion; every decision is a
/// `model_promotion` row with its reasons.
public struct ModelRegistry: Sendable {
    public init() {}

    /// One row of `slam model list`.
    public struct Entry: Sendable {
        public var modelID: Int
        public var labelSet: String
        public var status: String
        public var isCurrent: Bool
        public var trainingSet: String
        public var trainCount: Int?
        public var labelNames: [String]
        /// Overall cross-validated scatter per label (label units), when trained.
        public var scatter: [Double?]
        public var createdAt: Date
    }

    public func list(_ db: PostgresConnection) throws -> [Entry] {
        try db.query("""
            SELECT m.model_id, m.label_set, m.status, (mc.model_id IS NOT NULL) AS current,
                   t.name || '@' || t.version AS training_set, m.n_train, m.label_names, m.created_at,
                   ARRAY(SELECT coalesce(p.scatter, 'NaN')::float8 FROM unnest(m.label_names) WITH ORDINALITY AS l(name, k)
                         LEFT JOIN model_precision p ON p.model_id = m.model_id AND p.label = l.name AND p.scope = 'all'
                         ORDER BY l.k) AS scatter
            FROM model m JOIN training_set t USING (training_set_id)
            LEFT JOIN model_current mc ON mc.model_id = m.model_id
            ORDER BY m.model_id
            """).rows.map { row in
                Entry(modelID: try row.decode(Int.self, "model_id"), labelSet: try row.decode(String.self, "label_set"),
                      status: try row.decode(String.self, "status"), isCurrent: try row.decode(Bool.self, "current"),
                      trainingSet: try row.decode(String.self, "training_set"), trainCount: try row.decode(Int?.self, "n_train"),
                      labelNames: try row.decode([String].self, "label_names"),
                      scatter: try row.decode([Double].self, "scatter").map { $0.isNaN ? nil : $0 },
                      createdAt: try row.decode(Date.self, "created_at"))
            }
    }

    /// Resolves `reference`: a model id, or `current` (the label set's current model; `labelSet` may be
    /// nil when only one label set has one).
    public func resolve(_ reference: String, labelSet: String? = nil, db: PostgresConnection) throws -> Int {
        if let id = Int(reference) {
            guard try db.query("SELECT 1 FROM model WHERE model_id = $1", [id]).first != nil else {
                throw PredictionError.unknownModel(reference)
            }
            return id
        }
        guard reference == "current" else { throw PredictionError.unknownModel(reference) }
        let rows = try db.query("SELECT model_id FROM model_current WHERE $1::text IS NULL OR label_set = $1::text", [labelSet])
        guard rows.count == 1, let id = try rows.first?.decode(Int.self, at: 0) else {
            throw PredictionError.noCurrentModel(labelSet: labelSet)
        }
        return id
    }

    /// Makes `modelID` the current model of its label set (explicit promotion by a user).
    public func promote(_ modelID: Int, reasons: [String: String] = [:], decidedBy: String = "user",
                        db: PostgresConnection) throws {
        try db.transaction { db in
            guard let row = try db.query("SELECT status, label_set FROM model WHERE model_id = $1 FOR UPDATE", [modelID]).first else {
                throw PredictionError.unknownModel(String(modelID))
            }
            let status = try row.decode(String.self, at: 0)
            guard status == "ready" else { throw PredictionError.modelNotReady(modelID, status: status) }
            let labelSet = try row.decode(String.self, at: 1)
            try db.execute("SELECT pg_advisory_xact_lock(hashtext('promote:' || $1))", [labelSet])
            let previous = try db.query("SELECT model_id FROM model_current WHERE label_set = $1", [labelSet]).first?.decode(Int.self, at: 0)
            try db.execute("""
                INSERT INTO model_promotion (label_set, model_id, previous_model_id, decided_by, reasons)
                VALUES ($1, $2, $3, $4, $5)
                """, [labelSet, modelID, previous, decidedBy, try JSONB(encoding: reasons)])
        }
    }

    /// Retires a model: it stops being current (the label set falls back to its previous promoted,
    /// ready model) and is not offered for prediction; its predictions stay.
    public func retire(_ modelID: Int, db: PostgresConnection) throws {
        let n = try db.execute("UPDATE model SET status = 'retired' WHERE model_id = $1 AND status IN ('ready', 'failed')", [modelID])
        guard n == 1 else {
            guard try db.query("SELECT 1 FROM model WHERE model_id = $1", [modelID]).first != nil else {
                throw PredictionError.unknownModel(String(modelID))
            }
            return
        }
    }

    /// The promotion rule after a retraining: promote `modelID` when its overall cross-validated scatter
    /// is no worse than `tolerance` times the current model's on every label (or when its label set has
    /// no current model); never over a current model with other labels. The rule is decided by the
    /// database function `model_promotion_rule` (migration 0018), the one definition also used by
    /// ``promoteByRetrainRule(_:db:)``. Records the decision (an operator's privilege: `model_promotion`)
    /// and returns whether it promoted.
    @discardableResult
    public func promoteIfNoWorse(_ modelID: Int, tolerance: Double = 1.0, db: PostgresConnection) throws -> (promoted: Bool, reasons: [String: String]) {
        guard try db.query("SELECT 1 FROM model WHERE model_id = $1", [modelID], name: "model_exists").first != nil else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let decision = try Self.decision(try db.query("SELECT model_promotion_rule($1::integer, $2)", [modelID, tolerance], name: "model_promotion_rule"), modelID: modelID)
        if decision.promoted {
            try promote(modelID, reasons: decision.reasons, decidedBy: "rule", db: db)
        }
        return decision
    }

    /// The rule-based promotion a worker may make (`model_promote_by_rule`, SECURITY DEFINER, migration
    /// 0018): `modelID` must have been trained by a running `retrain` job, whose payload's
    /// `promotionTolerance` (default 1) the rule uses; the decision is recorded when it promotes.
    /// Throws ``PredictionError/unknownModel(_:)`` for an unknown model, and the server's SQLSTATE 42501
    /// for a model no running retrain job trained.
    @discardableResult
    public func promoteByRetrainRule(_ modelID: Int, db: PostgresConnection) throws -> (promoted: Bool, reasons: [String: String]) {
        guard try db.query("SELECT 1 FROM model WHERE model_id = $1", [modelID], name: "model_exists").first != nil else {
            throw PredictionError.unknownModel(String(modelID))
        }
        return try Self.decision(try db.query("SELECT model_promote_by_rule($1::integer)", [modelID], name: "model_promote_by_rule"), modelID: modelID)
    }

    /// Decodes `{"promoted": bool, "reasons": {...}}` from the first column of `result`.
    private static func decision(_ result: PostgresResult, modelID: Int) throws -> (promoted: Bool, reasons: [String: String]) {
        struct Decision: Decodable { var promoted: Bool; var reasons: [String: String] }
        guard let row = result.first else { throw PredictionError.unknownModel(String(modelID)) }
        let decision = try row.decode(JSONB.self, at: 0).decode(Decision.self)
        return (decision.promoted, decision.reasons)
    }
}
