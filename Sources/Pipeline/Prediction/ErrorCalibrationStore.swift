import Foundation
import Numerics
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
        func add(_ rows: PostgresRows) throws {
            for r in rows {
                guard let j = labelNames.firstIndex(of: try r.decode(String.self, at: 0)),
                      let inflation = try r.decode(Double?.self, at: 4), inflation.isFinite, inflation > 0 else { continue }
                let bin = CalibratedErrorModel.Bin(snrMin: try r.decode(Double.self, at: 2), snrMax: try r.decode(Double.self, at: 3),
                                                   inflation: inflation, floor: try r.decode(Double?.self, at: 5) ?? 0)
                if try r.decode(String.self, at: 1) == "all" { overall[j] = bin } else { bins[j].append(bin) }
            }
        }
        let inflation = try db.query("""
            SELECT label, scope, snr_min::float8, snr_max::float8, inflation, error_floor
            FROM model_error_inflation WHERE model_id = $1 ORDER BY scope, snr_min
            """, [modelID], name: "model_error_inflation").rows
        if inflation.isEmpty {
            try add(try db.query("""
                SELECT label, scope, snr_min::float8, snr_max::float8, error_calibration, 0::float8
                FROM model_precision WHERE model_id = $1 ORDER BY scope, snr_min
                """, [modelID], name: "model_precision_calibration").rows)
        } else {
            try add(inflation)
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
