import Catalogue
import Foundation
import Queue
import SLAMNumerics
import Store

/// Predicts labels of a batch of spectra with one model and writes them with binary COPY in one
/// transaction. Spectra that already have a prediction from the model are skipped, so re-running a
/// batch is a no-op; a fit that fails for one spectrum becomes a rejection row (stage `predict`) and
/// the rest of the batch goes on.
///
/// Each prediction keeps its formal covariance (L x L), its empirical errors (the model's cross-validated
/// scatter at the spectrum's S/N_g), its calibrated errors (see ``ErrorCalibrationStore``), and the
/// spectrum's preprocessing flags OR-ed into its flags (bits 10-11, `PreprocessingFlags`), and the model's
/// `outside_training_set` decision (bit 12, ``OutsideTrainingSetCalibrator``; calibrated by the model's
/// first prediction batch and stored with it). The published labels, errors and covariance are the
/// estimate the settings name (`LabelFit.publishedLabels`); when that is the posterior mean, the
/// maximum-likelihood fit goes to `ml_labels`. With
/// `storeSpectra` the best-fit model spectrum and residuals go to `prediction_spectrum`.
public struct SpectrumPredictor: Sendable {
    /// `rejection.stage` of spectra whose fit failed.
    public static let stage = "predict"

    public let models: ModelStore

    public init(models: ModelStore = ModelStore()) { self.models = models }

    /// Predicts `obsids` with model `modelID` under `settings` (recorded in `prediction_settings`, referenced
    /// by each row); returns what was written. `storeSpectra`: also write the best-fit model spectrum and
    /// residuals of each new prediction (`prediction_spectrum`). Run as a job, the predictions are written
    /// with the job's completion (`fence`, ``JobFence/complete(_:)``).
    public func predict(modelID: Int, obsids: [Int64], db: PostgresConnection, jobID: Int64? = nil,
                        settings: PredictionSettings = PredictionSettings(),
                        storeSpectra: Bool = false, fence: JobFence = .unfenced) throws -> PredictionSummary {
        let loaded = try models.load(modelID, db: db)
        let model = loaded.model
        let p = model.pixelCount
        var summary = PredictionSummary(requested: obsids.count)
        var ids: [Int64] = [], snrg: [Double?] = [], flux: [Float] = [], ivar: [Float] = [], preprocessingFlags: [UInt32] = []
        for row in try PredictionQueries.pendingSpectra(preprocessingID: loaded.preprocessingID, obsids: obsids, modelID: modelID, db: db) {
            guard row.flux.count == p, row.ivar.count == p else { continue }
            ids.append(row.obsid)
            snrg.append(row.snrg.map(Double.init))
            preprocessingFlags.append(UInt32(truncatingIfNeeded: row.flags))
            flux.append(contentsOf: row.flux)
            ivar.append(contentsOf: row.ivar)
        }
        summary.alreadyPredicted = obsids.count - ids.count
        guard !ids.isEmpty else { return summary }
        let started = Date()
        var fits: [Result<LabelFit, InferenceError>]
        let predictor: SLAMPredictor
        let outside: (rule: OutsideTrainingSetRule, newRow: OutsideTrainingSetRow?)
        do {
            predictor = try SLAMPredictor(model: model, options: try settings.options())
            let library = try templates(for: predictor, modelID: modelID)
            outside = try outsideRule(loaded, predictor: predictor, templates: library, db: db)
            fits = try predictor.predict(flux: flux, ivar: ivar, count: ids.count, templates: library)
            let statistics = try predictor.outsideStatistics(fits: fits, flux: flux, ivar: ivar)
            for k in fits.indices {
                guard case var .success(fit) = fits[k], let s = statistics[k], outside.rule.isOutside(s) else { continue }
                fit.flags.insert(.outsideTrainingSet)
                fits[k] = .success(fit)
            }
        } catch let error as InferenceError {
            throw PredictionError.inference(error)
        }
        let errorModel = try ErrorCalibrationStore.load(modelID: modelID, labelNames: model.labelNames, db: db)
        summary.secondsInference = Date().timeIntervalSince(started)
        try db.transaction { db in
            if let row = outside.newRow { try OutsideTrainingSetQueries.insertIfAbsent(row, db: db) }
            let settingsID = try Self.settingsID(settings, db: db)
            var failures: [RejectionRecord] = []
            try PredictionQueries.stage({ copy in
                for (k, result) in fits.enumerated() {
                    switch result {
                    case let .success(fit):
                        let empirical = loaded.empiricalErrors(snr: snrg[k]).map { $0.map { $0.map(Float.init) ?? .nan } }
                        let formal = fit.publishedFormalErrors
                        let calibrated = errorModel.storedErrors(formal: formal, snr: snrg[k])
                        try copy.append([
                            modelID, ids[k], fit.publishedLabels.map(Float.init), formal.map(Float.init), empirical,
                            fit.publishedCovariance.map(Float.init), Float(fit.reducedChiSquare), fit.pixelsUsed,
                            fit.functionEvaluations, fit.status.name, Int(fit.flags.rawValue | preprocessingFlags[k]), jobID,
                            settingsID, calibrated, fit.firstGuess.map(Float.init),
                            fit.continuumCorrection.isEmpty ? nil : fit.continuumCorrection.map(Float.init),
                            fit.posteriorMean == nil ? nil : fit.labels.map(Float.init),
                        ])
                    case let .failure(error):
                        failures.append(RejectionRecord(stage: Self.stage, source: "model \(modelID)", object: String(ids[k]),
                                                        code: "fit_failed", reason: error.description))
                    }
                }
            }, db: db)
            summary.written = try PredictionQueries.insertStaged(db: db)
            try RejectionWriter.clear(stage: Self.stage, source: "model \(modelID)", objects: ids.map(String.init), db: db)
            try RejectionWriter.write(failures, jobID: jobID, db: db)
            summary.failed = failures.count
            if storeSpectra {
                try FitSpectrumWriter.write(modelID: modelID, obsids: ids, fits: fits, flux: flux, ivar: ivar,
                                            predictor: predictor, db: db)
            }
            try fence.complete(db)
        }
        if outside.newRow != nil { models.cacheOutsideRule(outside.rule, modelID: modelID) }
        return summary
    }

    /// The model's `outside_training_set` rule: cached in this process, else stored, else calibrated now
    /// (``OutsideTrainingSetCalibrator``; `newRow` is then to be stored with the batch's predictions, so a
    /// batch that lost its lease stores nothing, and cached once stored). A stored rule of another version
    /// is recalibrated (the stored row stays; the new rule applies in this process); one that does not
    /// decode throws ``PredictionError/corruptModel(_:reason:)``.
    private func outsideRule(_ loaded: ModelStore.LoadedModel, predictor: SLAMPredictor, templates: TemplateLibrary,
                             db: PostgresConnection) throws -> (rule: OutsideTrainingSetRule, newRow: OutsideTrainingSetRow?) {
        if let rule = models.cachedOutsideRule(loaded.modelID) { return (rule, nil) }
        if let row = try OutsideTrainingSetQueries.rule(modelID: loaded.modelID, db: db),
           row.version == OutsideTrainingSetRule.currentVersion {
            let rule: OutsideTrainingSetRule
            do { rule = try row.rule.decode(OutsideTrainingSetRule.self) } catch {
                throw PredictionError.corruptModel(loaded.modelID, reason: "model_outside_training_set.rule: \(error)")
            }
            models.cacheOutsideRule(rule, modelID: loaded.modelID)
            return (rule, nil)
        }
        let calibrated = try OutsideTrainingSetCalibrator().calibrate(loaded, predictor: predictor, templates: templates, db: db)
        return (calibrated.rule, calibrated.row)
    }

    /// Template library of a model (its noise-free spectra at the training labels), built once per process.
    private func templates(for predictor: SLAMPredictor, modelID: Int) throws -> TemplateLibrary {
        try models.templates(modelID) { try TemplateLibrary(modelSpectraOf: predictor) }
    }

    /// The `prediction_settings` row of `settings`, inserted when new.
    static func settingsID(_ settings: PredictionSettings, db: PostgresConnection) throws -> Int {
        guard let id = try PredictionSettingsQueries.settingsID(try JSONB(encoding: settings), db: db) else {
            throw PredictionError.invalidSettings("settings row vanished")
        }
        return id
    }
}

/// What a prediction batch did.
public struct PredictionSummary: Sendable, Codable, Equatable {
    public var requested: Int
    public var alreadyPredicted = 0
    public var written = 0
    public var failed = 0
    public var secondsInference = 0.0
    public init(requested: Int) { self.requested = requested }
}

extension LabelFitStatus {
    /// The `prediction.status` text.
    public var name: String {
        switch self {
        case .chiSquareConverged: "converged_chi2"
        case .labelsConverged: "converged_labels"
        case .bothConverged: "converged"
        case .gradientConverged: "converged_gradient"
        case .maxEvaluationsReached: "max_evaluations"
        case .toleranceTooSmall: "converged_tolerance"
        case .stoppedOnNonFiniteModel: "stopped_non_finite"
        }
    }
}
