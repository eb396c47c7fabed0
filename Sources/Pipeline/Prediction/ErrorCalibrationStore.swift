import Catalogue
import Foundation
import SLAMNumerics
import Store

/// Reads a model's error calibration (`CalibratedErrorModel`) from the database: the calibrate job's
/// `model_error_inflation` rows when there are any, else the cross-validated `error_calibration` of
/// `model_precision` as the inflation with no floor (a provisional calibration until repeats are used).
public enum ErrorCalibrationStore {
    /// The error model of `modelID` for labels `labelNames` (the model's order). A model with neither
    /// table filled has no bins: every calibrated error is then nil.
    public static func load(modelID: Int, labelNames: [String], db: PostgresConnection) throws -> CalibratedErrorModel {
        var bins = [[CalibratedErrorModel.Bin]](repeating: [], count: labelNames.count)
        var overall = [CalibratedErrorModel.Bin?](repeating: nil, count: labelNames.count)
        func add(label: String, scope: String, snrMin: Double, snrMax: Double, inflation: Double?, floor: Double?) {
            guard let j = labelNames.firstIndex(of: label), let inflation, inflation.isFinite, inflation > 0 else { return }
            let bin = CalibratedErrorModel.Bin(snrMin: snrMin, snrMax: snrMax, inflation: inflation, floor: floor ?? 0)
            if scope == "all" { overall[j] = bin } else { bins[j].append(bin) }
        }
        let inflation = try ErrorInflationQueries.rows(modelID: modelID, db: db)
        if inflation.isEmpty {
            // Each label's bins come by S/N (the precision table lists the bins first, then all S/N).
            for r in try ModelPrecisionQueries.rows(modelID: modelID, db: db) {
                add(label: r.label, scope: r.scope, snrMin: r.snrMin, snrMax: r.snrMax, inflation: r.errorCalibration, floor: 0)
            }
        } else {
            for r in inflation {
                add(label: r.label, scope: r.scope, snrMin: r.snrMin, snrMax: r.snrMax, inflation: r.inflation, floor: r.floor)
            }
        }
        return CalibratedErrorModel(bins: bins, overall: overall)
    }
}

extension CalibratedErrorModel {
    /// Calibrated errors as stored (`real[]`, NaN for a missing entry), or nil when no label has one.
    func storedErrors(formal: [Double], snr: Double?) -> [Float]? {
        let errors = self.errors(formal: formal, snr: snr)
        guard errors.contains(where: { $0 != nil }) else { return nil }
        return errors.map { $0.map(Float.init) ?? .nan }
    }
}
