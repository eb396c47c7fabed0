import Store

/// One `model_validation_prediction` row: a training member predicted by a model of the other folds
/// (`cross_validation`), or a held-out member predicted by the model (`held_out`).
public struct ModelValidationPredictionRow: Sendable, Equatable {
    public var obsid: Int64
    /// `cross_validation` or `held_out`.
    public var kind: String
    /// The member's fold (cross-validation only).
    public var fold: Int?
    /// Predicted labels, formal errors and reference labels, L entries each, label units (NaN: no fit).
    public var labels: [Float]
    public var formalErrors: [Float]
    public var reference: [Float]
    public var snrg: Float

    public init(obsid: Int64, kind: String, fold: Int?, labels: [Float], formalErrors: [Float], reference: [Float], snrg: Float) {
        self.obsid = obsid
        self.kind = kind
        self.fold = fold
        self.labels = labels
        self.formalErrors = formalErrors
        self.reference = reference
        self.snrg = snrg
    }
}

/// A cross-validation prediction with its reference labels' own errors, for the error floor.
public struct CrossValidationResidualRow: Sendable {
    public var labels: [Float]
    public var formalErrors: [Float]
    public var reference: [Float]
    /// The reference labels' errors (NaN where unknown), nil when the member has none.
    public var referenceErrors: [Float]?
    public var snrg: Double?
}

/// The validation predictions of a model (`model_validation_prediction`).
public enum ModelValidationPredictionQueries {
    /// Writes `rows` of model `modelID` (binary COPY), in the caller's transaction.
    public static func write(modelID: Int, _ rows: [ModelValidationPredictionRow], db: PostgresConnection) throws {
        _ = try db.copyIn(table: "model_validation_prediction",
                          columns: ["model_id", "obsid", "kind", "fold", "labels", "formal_errors", "reference", "snrg"]) { copy in
            for r in rows {
                try copy.append([modelID, r.obsid, r.kind, r.fold, r.labels, r.formalErrors, r.reference, r.snrg])
            }
        }
    }

    /// Model `modelID`'s cross-validation predictions, by obsid, with the training set member's reference
    /// errors (a NULL element comes as NaN).
    public static func crossValidation(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [CrossValidationResidualRow] {
        var rows: [CrossValidationResidualRow] = []
        for r in try db.query("""
            SELECT v.labels, v.formal_errors, v.reference, array_replace(t.label_errors, NULL, 'NaN'::real), v.snrg::float8
            FROM model_validation_prediction v
            JOIN model m ON m.model_id = v.model_id
            LEFT JOIN training_set_member t ON t.training_set_id = m.training_set_id AND t.obsid = v.obsid
            WHERE v.model_id = \(modelID) AND v.kind = 'cross_validation'
            ORDER BY v.obsid
            """, name: "calibrate_validation").rows {
            rows.append(CrossValidationResidualRow(
                labels: try r.decode([Float].self, at: 0), formalErrors: try r.decode([Float].self, at: 1),
                reference: try r.decode([Float].self, at: 2), referenceErrors: try r.decode([Float]?.self, at: 3),
                snrg: try r.decode(Double?.self, at: 4)))
        }
        return rows
    }
}
