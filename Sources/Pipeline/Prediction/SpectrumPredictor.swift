import Catalogue
import Foundation
import Numerics
import Queue
import Store

/// Predicts labels of a batch of spectra with one model and writes them with binary COPY in one
/// transaction. Spectra that already have a prediction from the model are skipped, so re-running a
/// batch is a no-op; a fit that fails for one spectrum becomes a rejection row (stage `predict`) and
/// the rest of the batch goes on.
///
/// Each prediction keeps its formal covariance (L x L), its empirical errors (the model's cross-validated
/// scatter at the spectrum's S/N_g), its calibrated errors (see ``ErrorCalibrationStore``), and the
/// spectrum's preprocessing flags OR-ed into its flags (bits 10-11, `PreprocessingFlags`). With
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
        for row in try db.query(Self.pendingSpectra, [loaded.preprocessingID, obsids.map { Int($0) }, modelID], name: "pending_spectra").rows {
            let f = try row.decode([Float].self, "flux"), v = try row.decode([Float].self, "ivar")
            guard f.count == p, v.count == p else { continue }
            ids.append(try row.decode(Int64.self, "obsid"))
            snrg.append(try row.decode(Float?.self, "snrg").map(Double.init))
            preprocessingFlags.append(UInt32(truncatingIfNeeded: try row.decode(Int.self, "flags")))
            flux.append(contentsOf: f)
            ivar.append(contentsOf: v)
        }
        summary.alreadyPredicted = obsids.count - ids.count
        guard !ids.isEmpty else { return summary }
        let started = Date()
        let fits: [Result<LabelFit, InferenceError>]
        let predictor: SLAMPredictor
        do {
            predictor = try SLAMPredictor(model: model, options: try settings.options())
            fits = try predictor.predict(flux: flux, ivar: ivar, count: ids.count, templates: try templates(for: predictor, modelID: modelID))
        } catch let error as InferenceError {
            throw PredictionError.inference(error)
        }
        let errorModel = try ErrorCalibrationStore.load(modelID: modelID, labelNames: model.labelNames, db: db)
        summary.secondsInference = Date().timeIntervalSince(started)
        try db.transaction { db in
            let settingsID = try Self.settingsID(settings, db: db)
            try db.executeScript("CREATE TEMP TABLE stage_prediction (LIKE prediction INCLUDING DEFAULTS) ON COMMIT DROP",
                                 name: "create prediction staging table")
            var failures: [RejectionRecord] = []
            try db.copyIn(table: "stage_prediction", columns: Self.columns) { copy in
                for (k, result) in fits.enumerated() {
                    switch result {
                    case let .success(fit):
                        let empirical = loaded.empiricalErrors(snr: snrg[k]).map { $0.map { $0.map(Float.init) ?? .nan } }
                        let calibrated = errorModel.storedErrors(formal: fit.formalErrors, snr: snrg[k])
                        try copy.append([
                            modelID, ids[k], fit.labels.map(Float.init), fit.formalErrors.map(Float.init), empirical,
                            fit.covariance.map(Float.init), Float(fit.reducedChiSquare), fit.pixelsUsed,
                            fit.functionEvaluations, fit.status.name, Int(fit.flags.rawValue | preprocessingFlags[k]), jobID,
                            settingsID, calibrated,
                        ])
                    case let .failure(error):
                        failures.append(RejectionRecord(stage: Self.stage, source: "model \(modelID)", object: String(ids[k]),
                                                        code: "fit_failed", reason: error.description))
                    }
                }
            }
            summary.written = try db.execute("INSERT INTO prediction SELECT * FROM stage_prediction ON CONFLICT (model_id, obsid) DO NOTHING")
            try RejectionWriter.clear(stage: Self.stage, source: "model \(modelID)", objects: ids.map(String.init), db: db)
            try RejectionWriter.write(failures, jobID: jobID, db: db)
            summary.failed = failures.count
            if storeSpectra {
                try FitSpectrumWriter.write(modelID: modelID, obsids: ids, fits: fits, flux: flux, ivar: ivar,
                                            predictor: predictor, db: db)
            }
            try fence.complete(db)
        }
        return summary
    }

    /// Template library of a model (its noise-free spectra at the training labels), built once per process.
    private func templates(for predictor: SLAMPredictor, modelID: Int) throws -> TemplateLibrary {
        try models.templates(modelID) { try TemplateLibrary(modelSpectraOf: predictor) }
    }

    static let columns = [
        "model_id", "obsid", "labels", "formal_errors", "empirical_errors", "covariance", "reduced_chi2", "n_pixels",
        "iterations", "status", "flags", "predict_job_id", "settings_id", "calibrated_errors",
    ]

    /// The `prediction_settings` row of `settings`, inserted when new.
    static func settingsID(_ settings: PredictionSettings, db: PostgresConnection) throws -> Int {
        let json = try JSONB(encoding: settings)
        if let row = try db.query("""
            INSERT INTO prediction_settings (settings) VALUES ($1) ON CONFLICT (settings) DO NOTHING RETURNING settings_id
            """, [json]).first { return try row.decode(Int.self, at: 0) }
        guard let row = try db.query("SELECT settings_id FROM prediction_settings WHERE settings = $1", [json]).first else {
            throw PredictionError.invalidSettings("settings row vanished")
        }
        return try row.decode(Int.self, at: 0)
    }

    static let pendingSpectra = """
        SELECT sp.obsid, s.snrg, sp.flux, sp.ivar, sp.flags
        FROM spectrum_preprocessed sp JOIN lamost_spectrum s USING (obsid)
        WHERE sp.preprocessing_id = $1 AND sp.obsid = ANY($2)
          AND NOT EXISTS (SELECT 1 FROM prediction pr WHERE pr.model_id = $3 AND pr.obsid = sp.obsid)
        ORDER BY sp.obsid
        """
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
