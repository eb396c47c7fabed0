import Catalogue
import Foundation

/// What a calibration found and wrote.
public struct ErrorCalibrationSummary: Sendable, Codable, Equatable {
    /// One `model_error_inflation` row.
    public typealias Row = ErrorInflationRow
    /// The model calibrated.
    public var modelID: Int
    /// Repeat pairs found (per label; the same for every label).
    public var pairs: Int
    /// Cross-validation predictions used for the floor.
    public var validation: Int
    /// Predictions whose calibrated errors were rewritten.
    public var predictionsUpdated: Int
    /// The `model_error_inflation` rows written (or kept), per label: all, then the bins.
    public var rows: [Row]
    /// Whether the stored calibration was kept and only applied to predictions without calibrated errors
    /// (`ErrorCalibrator.calibrate(keepingStoredCalibration:)`), rather than fitted.
    public var kept: Bool

    public init(modelID: Int, pairs: Int, validation: Int, predictionsUpdated: Int, rows: [Row], kept: Bool = false) {
        self.modelID = modelID
        self.pairs = pairs
        self.validation = validation
        self.predictionsUpdated = predictionsUpdated
        self.rows = rows
        self.kept = kept
    }

    /// Plain-text table: label, S/N bin, pairs, inflation, floor; then one note line per label whose
    /// floor was estimated without some reference errors.
    public var text: String {
        let head = kept ? "model \(modelID): calibration kept (\(pairs) repeat pairs, \(validation) cross-validation predictions), "
            + "\(predictionsUpdated) predictions without calibrated errors calibrated"
            : "model \(modelID): \(pairs) repeat pairs, \(validation) cross-validation predictions, \(predictionsUpdated) predictions updated"
        var lines = [head,
                     "label\tS/N_g\tpairs\tinflation\tfloor"]
        for r in rows {
            let range = r.scope == "all" ? "all" : (r.snrMax.isFinite && r.snrMax < ModelTrainingSettings.openUpperEdge ? String(format: "%.0f-%.0f", r.snrMin, r.snrMax) : String(format: ">= %.0f", r.snrMin))
            lines.append("\(r.label)\t\(range)\t\(r.pairs)\t" + String(format: "%.3f%@\t%.4g", r.inflation, r.ownFactor ? "" : " (all)", r.floor))
        }
        for r in rows where r.scope == "all" {
            if let note = r.note { lines.append("note: \(r.label) floor: \(note)") }
        }
        return lines.joined(separator: "\n")
    }
}
