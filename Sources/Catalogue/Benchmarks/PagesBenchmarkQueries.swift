import Store

/// The survey `slam-bench pages` measures the pages on: a small real survey (the demo's) made as large
/// as a survey of many spectra by synthetic spectra labelled by its current model, filled in SQL.
public enum PagesBenchmarkQueries {
    /// One prediction of model `modelID` for every spectrum it has not labelled: labels by name (Teff
    /// 4,000-6,500 K, log g 1-4.5, [M/H] -2.2-0.4, other labels -0.1-0.4 dex), errors, a flag on one
    /// spectrum in ten; then analysed. Returns the rows added.
    @discardableResult
    public static func fillPredictions(modelID: Int, db: PostgresConnection) throws(PostgresError) -> Int {
        let added = try db.execute("""
            INSERT INTO prediction (model_id, obsid, labels, formal_errors, calibrated_errors, n_pixels, iterations, status, flags)
            SELECT m.model_id, s.obsid,
                   ARRAY(SELECT CASE n WHEN 'teff' THEN 4000 + 2500 * random() WHEN 'logg' THEN 1 + 3.5 * random()
                                       WHEN 'm_h' THEN -2.2 + 2.6 * random() ELSE -0.1 + 0.5 * random() END
                         FROM unnest(m.label_names) WITH ORDINALITY AS u(n, k) WHERE s.obsid IS NOT NULL ORDER BY k)::real[],
                   ARRAY(SELECT CASE n WHEN 'teff' THEN 40 ELSE 0.04 END FROM unnest(m.label_names) WITH ORDINALITY AS u(n, k) ORDER BY k)::real[],
                   ARRAY(SELECT CASE n WHEN 'teff' THEN 60 ELSE 0.06 END FROM unnest(m.label_names) WITH ORDINALITY AS u(n, k) ORDER BY k)::real[],
                   m.n_pixels, 4, 'converged', CASE WHEN random() < 0.1 THEN 1 ELSE 0 END
            FROM lamost_spectrum s CROSS JOIN model m
            WHERE m.model_id = \(modelID)
              AND NOT EXISTS (SELECT 1 FROM prediction p WHERE p.model_id = m.model_id AND p.obsid = s.obsid)
            """, name: "bench_pages_fill_predictions")
        try db.executeScript("ANALYZE prediction", name: "bench analyse predictions")
        return added
    }

    /// Up to `count` spectra labelled by model `modelID` that have a preprocessed spectrum (their star
    /// pages compute a fit), by obsid.
    public static func fittableSpectra(modelID: Int, count: Int, db: PostgresConnection) throws(PostgresError) -> [Int64] {
        try db.query("""
            SELECT p.obsid FROM prediction p JOIN model m USING (model_id)
            WHERE p.model_id = \(modelID)
              AND EXISTS (SELECT 1 FROM spectrum_preprocessed sp WHERE sp.obsid = p.obsid AND sp.preprocessing_id = m.preprocessing_id)
            ORDER BY p.obsid LIMIT \(count)
            """, name: "bench_pages_fittable").rows.map { row throws(PostgresError) in try row.decode(Int64.self, at: 0) }
    }
}
