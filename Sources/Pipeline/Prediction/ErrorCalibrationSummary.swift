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
    /// The `model_error_inflation` rows written, per label: all, then the bins.
    public var rows: [Row]

    /// Plain-text table: label, S/N bin, pairs, inflation, floor; then one note line per label whose
    /// floor was estimated without some reference errors.
    public var text: String {
        var lines = ["model \(modelID): \(pairs) repeat pairs, \(validation) cross-validation predictions, \(predictionsUpdated) predictions updated",
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
