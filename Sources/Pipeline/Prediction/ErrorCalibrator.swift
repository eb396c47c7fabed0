import Foundation
import Numerics
import Queue
import Store

/// Calibrates a model's published errors (issue 11): repeat observations give the error inflation
/// per label and S/N_g bin (`RepeatPairCalibration`), the cross-validation predictions the error floor
/// (`ErrorFloorEstimator`); both go to `model_error_inflation`, and every prediction of the model gets
/// its `calibrated_errors` recomputed. Re-running replaces the model's rows: the result depends only on
/// the predictions stored.
///
/// Pairs whose fit did not converge, ran away or has no covariance are left out. A reference label
/// without its error (catalogues without an error column, -9999 or NaN errors) still counts for the
/// floor, with that error taken as 0 and a note on the label's rows (`model_error_inflation.note`).
/// A star is identified across obsids by its LAMOST designation (derived from the target position, so
/// repeat visits share it), with the positions required to agree within `matchRadiusArcsec`.
public struct ErrorCalibrator: Sendable {
    /// Two obsids with one designation are one star only when within this distance, arcsec.
    public var matchRadiusArcsec: Double = 3

    /// A bin with fewer cross-validation predictions than this takes the all-S/N floor.
    public static let minimumValidationPerBin = 20

    /// The method and its settings, stored with every `model_error_inflation` row.
    public var method: String {
        let radius = matchRadiusArcsec == matchRadiusArcsec.rounded() ? String(Int(matchRadiusArcsec)) : "\(matchRadiusArcsec)"
        return "slam-cal/1 radius=\(radius) minpairs=\(RepeatPairCalibration.minimumPairs) "
            + "minvalidation=\(Self.minimumValidationPerBin) exclude=\(Self.unusableFlags)"
    }

    public init() {}

    /// Calibrates model `modelID`. Throws ``PredictionError/unknownModel(_:)`` for an unknown model.
    /// Run as a job, the calibration is written with the job's completion (`fence`, ``JobFence/complete(_:)``).
    public func calibrate(modelID: Int, db: PostgresConnection, jobID: Int64? = nil,
                          fence: JobFence = .unfenced) throws -> ErrorCalibrationSummary {
        guard let model = try db.query("SELECT label_names, training_set_id FROM model WHERE model_id = $1", [modelID]).first else {
            throw PredictionError.unknownModel(String(modelID))
        }
        let names = try model.decode([String].self, at: 0)
        let l = names.count
        // The model's predictions were usually written moments ago, before autovacuum has looked at them:
        // without statistics the planner joins the predictions with themselves before the designation
        // match (43 million rows for a 6,600-spectrum run, minutes instead of milliseconds). ANALYZE samples
        // a bounded number of rows, so it stays cheap at survey scale.
        try db.execute("ANALYZE prediction")
        try db.execute("ANALYZE lamost_spectrum")
        var edges = try db.query("""
            SELECT DISTINCT snr_min::float8, snr_max::float8 FROM model_precision
            WHERE model_id = $1 AND scope = 'bin' ORDER BY 1
            """, [modelID]).rows.map { (try $0.decode(Double.self, at: 0), try $0.decode(Double.self, at: 1)) }
        if edges.isEmpty { edges = [(0, .infinity)] }

        // Repeat pairs: same designation, different obsid, both predicted by this model.
        var pairs = [[RepeatPair]](repeating: [], count: l)
        for r in try db.query(Self.pairsQuery, [modelID, matchRadiusArcsec / 3600], name: "calibrate_pairs").rows {
            let a = try r.decode([Float].self, at: 0), ea = try r.decode([Float].self, at: 1)
            let b = try r.decode([Float].self, at: 2), eb = try r.decode([Float].self, at: 3)
            guard let snr = try r.decode(Double?.self, at: 4), a.count == l, b.count == l, ea.count == l, eb.count == l else { continue }
            for j in 0..<l {
                pairs[j].append(RepeatPair(value1: Double(a[j]), error1: Double(ea[j]), value2: Double(b[j]),
                                           error2: Double(eb[j]), snr: snr))
            }
        }
        // Cross-validation predictions with the reference labels' own errors (an unknown one, a NULL
        // element or a NULL array, comes as NaN or nil and is taken as 0 with a note: see ErrorFloorEstimator).
        var validation: [(labels: [Float], errors: [Float], reference: [Float], referenceErrors: [Float]?, snr: Double?)] = []
        for r in try db.query(Self.validationQuery, [modelID], name: "calibrate_validation").rows {
            validation.append((try r.decode([Float].self, at: 0), try r.decode([Float].self, at: 1), try r.decode([Float].self, at: 2),
                               try r.decode([Float]?.self, at: 3), try r.decode(Double?.self, at: 4)))
        }
        validation = validation.filter { $0.labels.count == l && $0.errors.count == l && $0.reference.count == l
            && ($0.referenceErrors?.count ?? l) == l }

        var rows: [ErrorCalibrationSummary.Row] = []
        for j in 0..<l {
            let result = RepeatPairCalibration.inflation(pairs[j], bins: edges)
            func inflation(at snr: Double?) -> Double {
                guard let snr else { return result.all ?? 1 }
                return result.bins.first { snr >= $0.snrMin && snr < $0.snrMax }?.inflation ?? result.all ?? 1
            }
            func floor(_ members: [(labels: [Float], errors: [Float], reference: [Float], referenceErrors: [Float]?, snr: Double?)])
                -> (floor: Double, note: String?) {
                let estimate = ErrorFloorEstimator.estimate(
                    residuals: members.map { Double($0.labels[j] - $0.reference[j]) },
                    inflatedErrors: members.map { inflation(at: $0.snr) * Double($0.errors[j]) },
                    referenceErrors: members.map { $0.referenceErrors.map { Double($0[j]) } })
                return (estimate.floor, Self.note(estimate))
            }
            let overall = floor(validation)
            rows.append(.init(label: names[j], scope: "all", snrMin: 0, snrMax: .infinity, pairs: result.allCount,
                              inflation: result.all ?? 1, ownFactor: result.all != nil, validationCount: validation.count,
                              floor: overall.floor, note: overall.note))
            for bin in result.bins {
                let members = validation.filter { ($0.snr ?? -1) >= bin.snrMin && ($0.snr ?? -1) < bin.snrMax }
                let binFloor = members.count >= Self.minimumValidationPerBin ? floor(members) : overall
                rows.append(.init(label: names[j], scope: "bin", snrMin: bin.snrMin, snrMax: bin.snrMax, pairs: bin.pairCount,
                                  inflation: bin.inflation, ownFactor: bin.ownFactor, validationCount: members.count,
                                  floor: binFloor.floor, note: binFloor.note))
            }
        }

        var updated = 0
        try db.transaction { db in
            try db.execute("DELETE FROM model_error_inflation WHERE model_id = $1", [modelID])
            try db.copyIn(table: "model_error_inflation", columns: ["model_id", "label", "scope", "snr_min", "snr_max", "n_pairs", "inflation",
                                                                   "inflation_used", "n_validation", "error_floor", "method",
                                                                   "calibrate_job_id", "note"]) { copy in
                for r in rows {
                    try copy.append([modelID, r.label, r.scope, Float(r.snrMin), Float(r.snrMax), r.pairs, r.inflation,
                                     r.ownFactor, r.validationCount, r.floor, method, jobID, r.note])
                }
            }
            updated = try Self.recomputeCalibratedErrors(modelID: modelID, db: db)
            try fence.complete(db)
        }
        return ErrorCalibrationSummary(modelID: modelID, pairs: pairs.first?.count ?? 0, validation: validation.count,
                                       predictionsUpdated: updated, rows: rows)
    }

    /// The note of a floor estimated without some reference errors (nil when every star had one).
    static func note(_ estimate: ErrorFloorEstimator.Estimate) -> String? {
        guard estimate.missingReferenceErrors > 0 else { return nil }
        return "reference error unknown for \(estimate.missingReferenceErrors) of \(estimate.used) cross-validation stars "
            + "(NULL, -9999 or NaN in the catalogue): taken as 0, so the floor also holds the reference labels' own error"
    }

    /// Rewrites `prediction.calibrated_errors` of every prediction of the model from its stored calibration,
    /// in one UPDATE on the server (no prediction travels to the client, so millions are fine). The same
    /// rule as `CalibratedErrorModel.errors`: the bin holding the spectrum's S/N_g, else the all-S/N row;
    /// NaN for a formal error that is not finite or negative; NULL when no label has a calibrated error.
    static func recomputeCalibratedErrors(modelID: Int, db: PostgresConnection) throws -> Int {
        try db.execute(recomputeQuery, [modelID], name: "recompute_calibrated_errors")
    }

    static let recomputeQuery = """
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
            WHERE p.model_id = $1
            GROUP BY p.obsid
        ) c
        WHERE pr.model_id = $1 AND pr.obsid = c.obsid
        """

    /// Fits left out of the pairs: not converged (bit 1), ran away (5), singular covariance (6).
    static let unusableFlags = (1 << 1) | (1 << 5) | (1 << 6)

    static let pairsQuery = """
        SELECT a.labels, a.formal_errors, b.labels, b.formal_errors, least(sa.snrg, sb.snrg)::float8
        FROM prediction a
        JOIN lamost_spectrum sa ON sa.obsid = a.obsid
        JOIN lamost_spectrum sb ON sb.designation = sa.designation AND sb.obsid > sa.obsid
        JOIN prediction b ON b.model_id = a.model_id AND b.obsid = sb.obsid
        WHERE a.model_id = $1 AND sa.designation IS NOT NULL
          AND q3c_dist(sa.ra, sa.dec, sb.ra, sb.dec) < $2
          AND (a.flags | b.flags) & \(Self.unusableFlags) = 0
        ORDER BY a.obsid, b.obsid
        """

    static let validationQuery = """
        SELECT v.labels, v.formal_errors, v.reference, array_replace(t.label_errors, NULL, 'NaN'::real), v.snrg::float8
        FROM model_validation_prediction v
        JOIN model m ON m.model_id = v.model_id
        LEFT JOIN training_set_member t ON t.training_set_id = m.training_set_id AND t.obsid = v.obsid
        WHERE v.model_id = $1 AND v.kind = 'cross_validation'
        ORDER BY v.obsid
        """
}
