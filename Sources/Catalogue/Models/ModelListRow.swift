import Foundation
import Store

/// One model as `slam model list` shows it: registry fields, whether it is current, its training set and
/// its overall cross-validated scatter per label.
public struct ModelListRow: Sendable {
    public var modelID: Int
    public var labelSet: String
    public var status: ModelStatus
    public var isCurrent: Bool
    /// `NAME@VERSION` of its training set.
    public var trainingSet: String
    public var trainCount: Int?
    public var labelNames: [String]
    /// Overall cross-validated scatter per label (label units), nil where not trained.
    public var scatter: [Double?]
    public var createdAt: Date

    public init(row: PostgresRow) throws(PostgresError) {
        modelID = try row.decode(Int.self, "model_id")
        labelSet = try row.decode(String.self, "label_set")
        status = try ModelStatus(text: try row.decode(String.self, "status"))
        isCurrent = try row.decode(Bool.self, "current")
        trainingSet = try row.decode(String.self, "training_set")
        trainCount = try row.decode(Int?.self, "n_train")
        labelNames = try row.decode([String].self, "label_names")
        scatter = try row.decode([Double].self, "scatter").map { $0.isNaN ? nil : $0 }
        createdAt = try row.decode(Date.self, "created_at")
    }
}

extension ModelQueries {
    /// Every model, by id.
    public static func list(db: PostgresConnection) throws(PostgresError) -> [ModelListRow] {
        var rows: [ModelListRow] = []
        for row in try db.query("""
            SELECT m.model_id, m.label_set, m.status, (mc.model_id IS NOT NULL) AS current,
                   t.name || '@' || t.version AS training_set, m.n_train, m.label_names, m.created_at,
                   ARRAY(SELECT coalesce(p.scatter, 'NaN')::float8 FROM unnest(m.label_names) WITH ORDINALITY AS l(name, k)
                         LEFT JOIN model_precision p ON p.model_id = m.model_id AND p.label = l.name AND p.scope = 'all'
                         ORDER BY l.k) AS scatter
            FROM model m JOIN training_set t USING (training_set_id)
            LEFT JOIN model_current mc ON mc.model_id = m.model_id
            ORDER BY m.model_id
            """, name: "model_list").rows {
            rows.append(try ModelListRow(row: row))
        }
        return rows
    }
}
