import Foundation
import Store

/// The stored calibration of a model (`model_error_inflation`) as text, for `slam calibrate`.
public enum ErrorCalibrationReport {
    /// One line per label and S/N_g bin: pairs, inflation (marked "(all)" when the bin took the all-S/N
    /// factor), cross-validation count and error floor (label units); then the notes (a floor estimated
    /// without some reference errors).
    public static func load(modelID: Int, db: PostgresConnection) throws -> String {
        let rows = try db.query("""
            SELECT label, scope, snr_min::float8, snr_max::float8, n_pairs, inflation, inflation_used, n_validation, error_floor, note
            FROM model_error_inflation e JOIN model m USING (model_id)
            WHERE model_id = $1 ORDER BY array_position(m.label_names, e.label), scope DESC, snr_min
            """, [modelID]).rows.map { r in
            ErrorCalibrationSummary.Row(
                label: try r.decode(String.self, at: 0), scope: try r.decode(String.self, at: 1), snrMin: try r.decode(Double.self, at: 2),
                snrMax: try r.decode(Double.self, at: 3), pairs: try r.decode(Int.self, at: 4), inflation: try r.decode(Double.self, at: 5),
                ownFactor: try r.decode(Bool.self, at: 6), validationCount: try r.decode(Int.self, at: 7), floor: try r.decode(Double.self, at: 8),
                note: try r.decode(String?.self, at: 9))
        }
        guard !rows.isEmpty else { return "model \(modelID) is not calibrated yet (no model_error_inflation rows)" }
        let summary = ErrorCalibrationSummary(modelID: modelID, pairs: rows.first { $0.scope == "all" }?.pairs ?? 0,
                                              validation: rows.first { $0.scope == "all" }?.validationCount ?? 0,
                                              predictionsUpdated: try db.query("SELECT count(*) FROM prediction WHERE model_id = $1 AND calibrated_errors IS NOT NULL",
                                                                                [modelID]).first?.decode(Int.self, at: 0) ?? 0,
                                              rows: rows)
        return summary.text.replacingOccurrences(of: "predictions updated", with: "predictions with calibrated errors")
    }
}
