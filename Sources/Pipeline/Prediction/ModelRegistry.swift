import Catalogue
import Foundation
import Store

/// The model registry: listing, promotion (explicit, or by rule after retraining), retirement, purging.
/// A model becomes current for its label set only by promotion; every decision is a
/// `model_promotion` row with its reasons.
public struct ModelRegistry: Sendable {
    public init() {}

    /// The models, one row each for `slam model list` (oldest first).
    public func list(_ db: PostgresConnection) throws -> [ModelListRow] {
        try ModelQueries.list(db: db)
    }

    /// Resolves `reference`: a model id, or `current` (the label set's current model; `labelSet` may be
    /// nil when only one label set has one).
    public func resolve(_ reference: String, labelSet: String? = nil, db: PostgresConnection) throws -> Int {
        if let id = Int(reference) {
            guard try ModelQueries.exists(id: id, db: db) else { throw PredictionError.unknownModel(reference) }
            return id
        }
        guard reference == "current" else { throw PredictionError.unknownModel(reference) }
        let current = try ModelPromotionQueries.currentModels(labelSet: labelSet, db: db)
        guard current.count == 1, let id = current.first else {
            throw PredictionError.noCurrentModel(labelSet: labelSet)
        }
        return id
    }

    /// Makes `modelID` the current model of its label set (explicit promotion by a user).
    public func promote(_ modelID: Int, reasons: [String: String] = [:], decidedBy: String = "user",
                        db: PostgresConnection) throws {
        try db.transaction { db in
            guard let row = try ModelQueries.modelLocked(id: modelID, db: db) else {
                throw PredictionError.unknownModel(String(modelID))
            }
            guard ModelUse.promotion.allows(row.status) else { throw PredictionError.modelNotReady(modelID, status: row.status.rawValue) }
            try ModelPromotionQueries.lock(labelSet: row.labelSet, db: db)
            let previous = try ModelPromotionQueries.currentModels(labelSet: row.labelSet, db: db).first
            try ModelPromotionQueries.insert(labelSet: row.labelSet, modelID: modelID, previous: previous, decidedBy: decidedBy,
                                             reasons: try JSONB(encoding: reasons), db: db)
        }
    }

    /// Retires a model: it stops being current (the label set falls back to its previous promoted,
    /// ready model) and is not offered for prediction; its predictions stay.
    public func retire(_ modelID: Int, db: PostgresConnection) throws {
        guard try ModelQueries.retire(id: modelID, db: db) else {
            guard try ModelQueries.exists(id: modelID, db: db) else { throw PredictionError.unknownModel(String(modelID)) }
            return
        }
    }

    /// Drops the predictions (and fit spectra) of a retired or failed model (``ModelUse/purge``): its
    /// partition of `prediction` is detached and dropped (migration 0035), which frees the disk at once
    /// instead of deleting its rows one by one. The model row, its coefficients and its validation stay.
    /// Returns how many predictions it held.
    @discardableResult
    public func purge(_ modelID: Int, db: PostgresConnection) throws -> Int {
        try db.transaction { db in
            guard let row = try ModelQueries.modelLocked(id: modelID, db: db) else {
                throw PredictionError.unknownModel(String(modelID))
            }
            guard ModelUse.purge.allows(row.status) else {
                throw PredictionError.modelNotPurgeable(modelID, status: row.status.rawValue)
            }
            return try PredictionPartitionQueries.purge(modelID: modelID, db: db)
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
        guard try ModelQueries.exists(id: modelID, db: db) else { throw PredictionError.unknownModel(String(modelID)) }
        let decision = try Self.decision(try ModelPromotionQueries.ruleDecision(modelID: modelID, tolerance: tolerance, db: db), modelID: modelID)
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
        guard try ModelQueries.exists(id: modelID, db: db) else { throw PredictionError.unknownModel(String(modelID)) }
        return try Self.decision(try ModelPromotionQueries.promoteByRule(modelID: modelID, db: db), modelID: modelID)
    }

    /// Decodes `{"promoted": bool, "reasons": {...}}`.
    private static func decision(_ json: JSONB?, modelID: Int) throws -> (promoted: Bool, reasons: [String: String]) {
        struct Decision: Decodable { var promoted: Bool; var reasons: [String: String] }
        guard let json else { throw PredictionError.unknownModel(String(modelID)) }
        let decision = try json.decode(Decision.self)
        return (decision.promoted, decision.reasons)
    }
}
