import Catalogue
import Foundation
import Store

/// The stored calibration of a model (`model_error_inflation`) as text, for `slam calibrate`.
public enum ErrorCalibrationReport {
    /// One line per label and S/N_g bin: pairs, inflation (marked "(all)" when the bin took the all-S/N
    /// factor), cross-validation count and error floor (label units); then the notes (a floor estimated
    /// without some reference errors).
    public static func load(modelID: Int, db: PostgresConnection) throws -> String {
        let rows = try ErrorInflationQueries.reportRows(modelID: modelID, db: db)
        guard !rows.isEmpty else { return "model \(modelID) is not calibrated yet (no model_error_inflation rows)" }
        let summary = ErrorCalibrationSummary(modelID: modelID, pairs: rows.first { $0.scope == "all" }?.pairs ?? 0,
                                              validation: rows.first { $0.scope == "all" }?.validationCount ?? 0,
                                              predictionsUpdated: try PredictionQueries.calibratedCount(modelID: modelID, db: db),
                                              rows: rows)
        return summary.text.replacingOccurrences(of: "predictions updated", with: "predictions with calibrated errors")
    }
}
