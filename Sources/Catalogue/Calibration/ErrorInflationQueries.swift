import Store

/// Two predictions of one star (same designation, positions within the match radius) by one model.
public struct RepeatPairRow: Sendable {
    /// Labels and formal errors of the first and second obsid, L entries each, label units.
    public var labels1: [Float]
    public var errors1: [Float]
    public var labels2: [Float]
    public var errors2: [Float]
    /// The lower S/N_g of the two, when known.
    public var snr: Double?
}

/// A model's error calibration (`model_error_inflation`) and what it is computed from.
public enum ErrorInflationQueries {
    /// Fits left out of the repeat pairs: not converged (bit 1), ran away (5), singular covariance (6).
    public static let unusableFlags = (1 << 1) | (1 << 5) | (1 << 6)

    /// Refreshes the planner's statistics of `prediction` and `lamost_spectrum` (a model's predictions are
    /// usually written moments before it is calibrated, before autovacuum has looked at them), as the tables'
    /// owner through `slam_analyze_predictions()` (migration 0024): a plain ANALYZE by a role granted
    /// `slam_worker` is skipped by the server with only a warning.
    public static func analyzePredictions(db: PostgresConnection) throws(PostgresError) {
        _ = try db.query("SELECT slam_analyze_predictions()", name: "analyze_predictions")
    }

    /// The repeat pairs of model `modelID`: predictions of spectra sharing a designation within `radiusDegrees`,
    /// neither with a flag of ``unusableFlags``, by obsids.
    public static func repeatPairs(modelID: Int, radiusDegrees: Double, db: PostgresConnection) throws(PostgresError) -> [RepeatPairRow] {
        var rows: [RepeatPairRow] = []
        for r in try db.query("""
            SELECT a.labels, a.formal_errors, b.labels, b.formal_errors, least(sa.snrg, sb.snrg)::float8
            FROM prediction a
            JOIN lamost_spectrum sa ON sa.obsid = a.obsid
            JOIN lamost_spectrum sb ON sb.designation = sa.designation AND sb.obsid > sa.obsid
            JOIN prediction b ON b.model_id = a.model_id AND b.obsid = sb.obsid
            WHERE a.model_id = \(modelID) AND sa.designation IS NOT NULL
              AND q3c_dist(sa.ra, sa.dec, sb.ra, sb.dec) < \(radiusDegrees)
              AND (a.flags | b.flags) & \(unusableFlags) = 0
            ORDER BY a.obsid, b.obsid
            """, name: "calibrate_pairs").rows {
            rows.append(RepeatPairRow(labels1: try r.decode([Float].self, at: 0), errors1: try r.decode([Float].self, at: 1),
                                      labels2: try r.decode([Float].self, at: 2), errors2: try r.decode([Float].self, at: 3),
                                      snr: try r.decode(Double?.self, at: 4)))
        }
        return rows
    }

    /// Model `modelID`'s calibration rows (`ORDER BY scope, snr_min`), empty when it is not calibrated.
    public static func rows(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [ErrorInflationRow] {
        var rows: [ErrorInflationRow] = []
        for r in try db.query("""
            SELECT \(ErrorInflationRow.columns) FROM model_error_inflation WHERE model_id = \(modelID) ORDER BY scope, snr_min
            """, name: "model_error_inflation").rows {
            rows.append(try ErrorInflationRow(row: r))
        }
        return rows
    }

    /// Model `modelID`'s calibration rows as reported: by the model's label order, `all` first, then the bins.
    public static func reportRows(modelID: Int, db: PostgresConnection) throws(PostgresError) -> [ErrorInflationRow] {
        var rows: [ErrorInflationRow] = []
        for r in try db.query("""
            SELECT \(ErrorInflationRow.columns)
            FROM model_error_inflation e JOIN model m USING (model_id)
            WHERE model_id = \(modelID) ORDER BY array_position(m.label_names, e.label), scope DESC, snr_min
            """, name: "model_error_inflation_report").rows {
            rows.append(try ErrorInflationRow(row: r))
        }
        return rows
    }

    /// Replaces model `modelID`'s calibration by `rows`, each stored with `method` and `jobID`, in the
    /// caller's transaction.
    public static func replace(modelID: Int, _ rows: [ErrorInflationRow], method: String, jobID: Int64?,
                               db: PostgresConnection) throws {
        try db.execute("DELETE FROM model_error_inflation WHERE model_id = \(modelID)", name: "model_error_inflation_clear")
        _ = try db.copyIn(table: "model_error_inflation", columns: ["model_id", "label", "scope", "snr_min", "snr_max", "n_pairs", "inflation",
                                                                   "inflation_used", "n_validation", "error_floor", "method",
                                                                   "calibrate_job_id", "note"]) { copy in
            for r in rows {
                try copy.append([modelID, r.label, r.scope, Float(r.snrMin), Float(r.snrMax), r.pairs, r.inflation,
                                 r.ownFactor, r.validationCount, r.floor, method, jobID, r.note])
            }
        }
    }

    /// Rewrites `prediction.calibrated_errors` of model `modelID`'s predictions from its stored calibration,
    /// in one UPDATE on the server, touching only those whose calibrated errors change (a rerun with the same
    /// calibration, or one after an appended release whose pairs left it unchanged, writes the new
    /// predictions only: no dead row versions or WAL for the others); returns how many it changed. The rule of
    /// `CalibratedErrorModel.errors`: the bin holding the spectrum's S/N_g, else the all-S/N row; NaN for a
    /// formal error that is not finite or negative; NULL when no label has a calibrated error. With
    /// `onlyUncalibrated`, only the predictions without calibrated errors are read and written (a stored
    /// calibration applied to the predictions written without it, leaving the others as published).
    public static func recomputeCalibratedErrors(modelID: Int, onlyUncalibrated: Bool = false,
                                                 db: PostgresConnection) throws(PostgresError) -> Int {
        try db.execute("""
            UPDATE prediction pr SET calibrated_errors = c.errors
            FROM (
                SELECT p.obsid,
                       CASE WHEN bool_or(e.inflation IS NOT NULL AND u.f >= 0 AND u.f < 'Infinity'::real)
                            THEN array_agg(CASE WHEN e.inflation IS NULL OR NOT (u.f >= 0 AND u.f < 'Infinity'::real) THEN 'NaN'::real
                                                ELSE sqrt((e.inflation * u.f) ^ 2 + e.error_floor ^ 2)::real END ORDER BY u.k)
                       END AS errors
                FROM prediction p
                JOIN lamost_spectrum s ON s.obsid = p.obsid
                JOIN model m ON m.model_id = p.model_id
                CROSS JOIN LATERAL unnest(p.formal_errors) WITH ORDINALITY AS u(f, k)
                LEFT JOIN LATERAL (
                    SELECT ei.inflation, ei.error_floor FROM model_error_inflation ei
                    WHERE ei.model_id = p.model_id AND ei.label = m.label_names[u.k]
                      AND (ei.scope = 'all' OR (s.snrg >= ei.snr_min AND s.snrg < ei.snr_max AND s.snrg < 'Infinity'::real))
                    ORDER BY (ei.scope = 'bin') DESC LIMIT 1
                ) e ON true
                WHERE p.model_id = \(modelID) AND (NOT \(onlyUncalibrated) OR p.calibrated_errors IS NULL)
                GROUP BY p.obsid
            ) c
            WHERE pr.model_id = \(modelID) AND pr.obsid = c.obsid AND pr.calibrated_errors IS DISTINCT FROM c.errors
            """, name: "recompute_calibrated_errors")
    }
}
