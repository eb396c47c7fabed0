import Store

/// Named queries of the model pages (`/models`, `/models/ID`): the promotion history, one model's
/// registry row with its training set, and two models compared on the spectra both labelled. The
/// registry list, per-pixel hyperparameters, precision table and error calibration have their own
/// queries (``ModelQueries/list(db:)``, ``DemoReportQueries/pixels(modelID:db:)``,
/// ``ModelPrecisionQueries/rows(modelID:db:)``, ``ErrorInflationQueries/reportRows(modelID:db:)``).
public enum ModelPageQueries {
    /// Spectra sampled for a comparison of two models.
    public static let comparisonSample = 3000

    /// Every promotion, newest first.
    public static func promotions(db: PostgresConnection) throws(PostgresError) -> [ModelPromotionRow] {
        var rows: [ModelPromotionRow] = []
        for row in try db.query("""
            SELECT promotion_id, label_set, model_id, previous_model_id, decided_by, reasons::text AS reasons, promoted_at
            FROM model_promotion ORDER BY promotion_id DESC
            """, name: "model_page_promotions").rows {
            rows.append(try ModelPromotionRow(row: row))
        }
        return rows
    }

    /// Model `modelID` with its training set, or nil when there is no such model.
    public static func detail(modelID: Int, db: PostgresConnection) throws(PostgresError) -> ModelDetailRow? {
        try db.query("""
            SELECT m.model_id, m.label_set, m.status, (mc.model_id IS NOT NULL) AS is_current, m.label_names,
                   m.settings::text AS settings, m.cv_metrics::text AS cv_metrics, m.timings::text AS timings, m.code_version,
                   m.n_train, m.n_pixels, m.blob_bytes, m.error, m.created_at, m.finished_at,
                   t.name || '@' || t.version AS training_set, t.training_set_id, t.n_members, t.label_source
            FROM model m JOIN training_set t USING (training_set_id) LEFT JOIN model_current mc ON mc.model_id = m.model_id
            WHERE m.model_id = \(modelID)
            """, name: "model_page_detail").first.map { row throws(PostgresError) in try ModelDetailRow(row: row) }
    }

    /// Models `a` and `b` on the spectra both predicted without flags; nil when either model is unknown.
    public static func compare(_ a: Int, _ b: Int, db: PostgresConnection) throws(PostgresError) -> ModelComparison? {
        guard let names = try db.query("""
            SELECT (SELECT label_names FROM model WHERE model_id = \(a)) AS a, (SELECT label_names FROM model WHERE model_id = \(b)) AS b
            """, name: "model_page_compare_names").first,
            let namesA = try names.decode([String]?.self, "a"), let namesB = try names.decode([String]?.self, "b") else { return nil }
        let shared = namesA.filter(namesB.contains)
        let indexA = shared.compactMap { namesA.firstIndex(of: $0) }, indexB = shared.compactMap { namesB.firstIndex(of: $0) }
        let common = try db.query("""
            SELECT count(*) FROM prediction pa JOIN prediction pb ON pb.obsid = pa.obsid AND pb.model_id = \(b)
            WHERE pa.model_id = \(a) AND pa.flags = 0 AND pb.flags = 0
            """, name: "model_page_compare_count").first?.decode(Int.self, at: 0) ?? 0
        var labelsA = [[Double]](repeating: [], count: shared.count), labelsB = labelsA
        for row in try db.query("""
            SELECT pa.labels AS a, pb.labels AS b
            FROM prediction pa JOIN prediction pb ON pb.obsid = pa.obsid AND pb.model_id = \(b)
            WHERE pa.model_id = \(a) AND pa.flags = 0 AND pb.flags = 0
            ORDER BY pa.obsid LIMIT \(comparisonSample)
            """, name: "model_page_compare_sample").rows {
            let la = try row.decode([Float].self, "a"), lb = try row.decode([Float].self, "b")
            for k in shared.indices where indexA[k] < la.count && indexB[k] < lb.count {
                labelsA[k].append(Double(la[indexA[k]]))
                labelsB[k].append(Double(lb[indexB[k]]))
            }
        }
        return ModelComparison(modelA: a, modelB: b, labelNames: shared, common: common, labelsA: labelsA, labelsB: labelsB)
    }
}
