import Catalogue
import Foundation
import Queue
import SLAMNumerics
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
    ///
    /// With `keepingStoredCalibration`, a model already calibrated keeps its calibration: it is applied to
    /// the predictions that have no calibrated errors and nothing else is written (the predictions of an
    /// appended release, which the predictor has usually calibrated already from the same rows). A model's
    /// published errors then change only when it is calibrated again on purpose (`slam calibrate`), not
    /// with every release: at a million stored predictions, refitting rewrote all of them for a release of
    /// 20,000. A model not yet calibrated is calibrated either way.
    public func calibrate(modelID: Int, db: PostgresConnection, jobID: Int64? = nil, fence: JobFence = .unfenced,
                          keepingStoredCalibration: Bool = false) throws -> ErrorCalibrationSummary {
        guard let model = try ModelQueries.model(id: modelID, db: db) else {
            throw PredictionError.unknownModel(String(modelID))
        }
        if keepingStoredCalibration {
            let stored = try ErrorInflationQueries.reportRows(modelID: modelID, db: db)
            if let overall = stored.first(where: { $0.scope == "all" }) {
                let updated = try write(modelID: modelID, replacing: nil, jobID: jobID, fence: fence, db: db)
                return ErrorCalibrationSummary(modelID: modelID, pairs: overall.pairs, validation: overall.validationCount,
                                               predictionsUpdated: updated, rows: stored, kept: true)
            }
        }
        let names = model.labelNames
        let l = names.count
        // The model's predictions were usually written moments ago, before autovacuum has looked at them:
        // without statistics the planner joins the predictions with themselves before the designation
        // match (43 million rows for a 6,600-spectrum run, minutes instead of milliseconds). ANALYZE samples
        // a bounded number of rows, so it stays cheap at survey scale.
        try ErrorInflationQueries.analyzePredictions(db: db)
        var edges = try ModelPrecisionQueries.binEdges(modelID: modelID, db: db)
        if edges.isEmpty { edges = [(0, .infinity)] }

        // Repeat pairs: same designation, different obsid, both predicted by this model.
        var pairs = [[RepeatPair]](repeating: [], count: l)
        for r in try ErrorInflationQueries.repeatPairs(modelID: modelID, radiusDegrees: matchRadiusArcsec / 3600, db: db) {
            let a = r.labels1, ea = r.errors1, b = r.labels2, eb = r.errors2
            guard let snr = r.snr, a.count == l, b.count == l, ea.count == l, eb.count == l else { continue }
            for j in 0..<l {
                pairs[j].append(RepeatPair(value1: Double(a[j]), error1: Double(ea[j]), value2: Double(b[j]),
                                           error2: Double(eb[j]), snr: snr))
            }
        }
        // Cross-validation predictions with the reference labels' own errors (an unknown one, a NULL
        // element or a NULL array, comes as NaN or nil and is taken as 0 with a note: see ErrorFloorEstimator).
        var validation: [(labels: [Float], errors: [Float], reference: [Float], referenceErrors: [Float]?, snr: Double?)] = []
        for r in try ModelValidationPredictionQueries.crossValidation(modelID: modelID, db: db) {
            validation.append((r.labels, r.formalErrors, r.reference, r.referenceErrors, r.snrg))
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

        let updated = try write(modelID: modelID, replacing: rows, jobID: jobID, fence: fence, db: db)
        return ErrorCalibrationSummary(modelID: modelID, pairs: pairs.first?.count ?? 0, validation: validation.count,
                                       predictionsUpdated: updated, rows: rows, kept: false)
    }

    /// In one transaction that completes the job (`fence`): replaces the model's calibration by `rows`
    /// (nil: keeps the stored one and calibrates only the predictions without calibrated errors), rewrites
    /// the calibrated errors that change, and folds the counts by flags; returns the predictions rewritten.
    private func write(modelID: Int, replacing rows: [ErrorCalibrationSummary.Row]?, jobID: Int64?, fence: JobFence,
                       db: PostgresConnection) throws -> Int {
        var updated = 0
        try db.transaction { db in
            if let rows { try ErrorInflationQueries.replace(modelID: modelID, rows, method: method, jobID: jobID, db: db) }
            updated = try ErrorInflationQueries.recomputeCalibratedErrors(modelID: modelID, onlyUncalibrated: rows == nil, db: db)
            // The model's predictions are written (the calibration follows them): fold the counts by flags
            // that their batches appended into one row per flags value (label_flag_counts reads them).
            try PredictionFlagCountQueries.compact(modelID: modelID, db: db)
            try fence.complete(db)
        }
        return updated
    }

    /// The note of a floor estimated without some reference errors (nil when every star had one).
    static func note(_ estimate: ErrorFloorEstimator.Estimate) -> String? {
        guard estimate.missingReferenceErrors > 0 else { return nil }
        return "reference error unknown for \(estimate.missingReferenceErrors) of \(estimate.used) cross-validation stars "
            + "(NULL, -9999 or NaN in the catalogue): taken as 0, so the floor also holds the reference labels' own error"
    }

    /// Fits left out of the pairs: not converged (bit 1), ran away (5), singular covariance (6).
    static let unusableFlags = ErrorInflationQueries.unusableFlags
}
