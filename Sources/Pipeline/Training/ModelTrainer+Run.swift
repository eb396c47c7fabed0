import Foundation
import Numerics
import Queue
import Store

extension ModelTrainer {
    func trainAndStore(_ data: TrainingSetData, modelID: Int, db: PostgresConnection, fence: JobFence,
                       progress: (@Sendable (String, Int, Int) -> Void)?) throws -> ModelSummary {
        let l = data.labelNames.count, p = data.wavelength.count
        let trainer = SLAMTrainer(options: .init(tolerance: settings.tolerance, crossValidationTolerance: settings.crossValidationTolerance))
        let clock = ContinuousClock()
        let t0 = clock.now
        let trainingData = SLAMTrainingData(labels: data.training.labels, labelNames: data.labelNames,
                                            flux: data.training.flux, ivar: data.training.ivar, wavelength: data.wavelength,
                                            starWeights: try settings.densityWeighting?.weights(labels: data.training.labels, labelCount: l))
        logger.info("training model \(modelID) on \(data.name): \(data.training.count) stars x \(p) pixels x \(l) labels")
        // Progress over the whole job: the final fit, then one refit per fold, in pixel units.
        let folds = settings.validationFolds
        let (model, report) = try trainer.trainWithReport(trainingData, hyperparameters: settings.choice(labelCount: l)) { done, total in
            progress?("train", done * p / max(total, 1), p * (folds + 1))
        }
        let t1 = clock.now

        // Cross-validation of the whole method with the chosen per-pixel hyperparameters.
        let assignment = CrossValidationFolds(count: data.training.count, folds: folds, seed: settings.seed)
        var predicted = [Double](repeating: .nan, count: data.training.count * l)
        var errors = [Double](repeating: .nan, count: data.training.count * l)
        for f in 0..<folds {
            let trainIdx = assignment.trainIndices(f), testIdx = assignment.testIndices(f)
            let part = data.training.subset(trainIdx, labelCount: l, pixelCount: p)
            let foldModel = try trainer.train(
                SLAMTrainingData(labels: part.labels, labelNames: data.labelNames, flux: part.flux, ivar: part.ivar,
                                 wavelength: data.wavelength,
                                 starWeights: try settings.densityWeighting?.weights(labels: part.labels, labelCount: l)),
                hyperparameters: .perPixel(model.hyperparameters)) { done, total in
                    progress?("validate", p * (f + 1) + done * p / max(total, 1), p * (folds + 1))
                }
            let test = data.training.subset(testIdx, labelCount: l, pixelCount: p)
            let fits = try Self.predict(foldModel, flux: test.flux, ivar: test.ivar, count: test.count)
            for (k, i) in testIdx.enumerated() {
                guard case let .success(fit) = fits[k] else { continue }
                for j in 0..<l {
                    predicted[i * l + j] = fit.labels[j]
                    errors[i * l + j] = fit.formalErrors[j]
                }
            }
        }
        let cv = try PrecisionStatistics(predicted: predicted, reference: data.training.labels, formalErrors: errors,
                                     snr: data.training.snrg, count: data.training.count, labelCount: l,
                                     binEdges: settings.binEdges)
        var validation: PrecisionStatistics? = nil
        var heldOutFits: [Result<LabelFit, InferenceError>] = []
        if data.heldOut.count > 0 {
            let fits = try Self.predict(model, flux: data.heldOut.flux, ivar: data.heldOut.ivar, count: data.heldOut.count)
            heldOutFits = fits
            validation = try PrecisionStatistics(fits: fits, reference: data.heldOut.labels, snr: data.heldOut.snrg,
                                             labelCount: l, binEdges: settings.binEdges)
        }
        let t2 = clock.now
        progress?("validate", p * (folds + 1), p * (folds + 1))

        let blob = model.serialized()
        let timings = ["train": (t1 - t0).seconds, "validate": (t2 - t1).seconds]
        let metrics = CrossValidationMetrics(labelNames: data.labelNames, crossValidation: .init(cv, labels: data.labelNames),
                                             validation: validation.map { .init($0, labels: data.labelNames) },
                                             heldOutCount: data.heldOut.count)
        try db.transaction { db in
            try db.copyIn(table: "model_blob_chunk", columns: ["model_id", "chunk_no", "bytes"]) { copy in
                for (k, start) in stride(from: 0, to: blob.count, by: Self.chunkBytes).enumerated() {
                    try copy.append([modelID, k, Data(blob[start..<min(blob.count, start + Self.chunkBytes)])])
                }
            }
            try db.copyIn(table: "model_validation_prediction",
                          columns: ["model_id", "obsid", "kind", "fold", "labels", "formal_errors", "reference", "snrg"]) { copy in
                for i in 0..<data.training.count {
                    try copy.append([modelID, data.training.obsids[i], "cross_validation", assignment.fold[i],
                                     predicted[(i * l)..<((i + 1) * l)].map(Float.init), errors[(i * l)..<((i + 1) * l)].map(Float.init),
                                     data.training.labels[(i * l)..<((i + 1) * l)].map(Float.init), Float(data.training.snrg[i])])
                }
                for (i, result) in heldOutFits.enumerated() {
                    let fit = try? result.get()
                    try copy.append([modelID, data.heldOut.obsids[i], "held_out", Int?.none,
                                     fit.map { $0.labels.map(Float.init) } ?? [Float](repeating: .nan, count: l),
                                     fit.map { $0.formalErrors.map(Float.init) } ?? [Float](repeating: .nan, count: l),
                                     data.heldOut.labels[(i * l)..<((i + 1) * l)].map(Float.init), Float(data.heldOut.snrg[i])])
                }
            }
            try db.copyIn(table: "model_pixel", columns: ["model_id", "pixel", "wavelength", "c", "epsilon", "gamma", "cv_mse", "n_support"]) { copy in
                for j in 0..<p {
                    let h = model.hyperparameters[j]
                    let mse = model.crossValidatedMSE[j]
                    try copy.append([modelID, j, data.wavelength[j], h.c, h.epsilon, h.gamma,
                                     mse.isFinite ? mse : Double.infinity, report.supportVectors[j]])
                }
            }
            try db.copyIn(table: "model_precision", columns: ["model_id", "label", "scope", "snr_min", "snr_max", "n", "bias", "scatter", "robust_scatter", "error_calibration"]) { copy in
                for (scope, bin) in cv.bins.map({ ("bin", $0) }) + [("all", cv.overall)] {
                    for (j, name) in data.labelNames.enumerated() {
                        let s = bin.labels[j]
                        func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
                        try copy.append([modelID, name, scope, Float(bin.lowerSNR), Float(bin.upperSNR), s.count,
                                         finite(s.bias), finite(s.scatter), finite(s.robustScatter), finite(s.pullScatter)])
                    }
                }
            }
            try db.execute("""
                UPDATE model SET status = 'ready', blob_bytes = $2, blob_sha256 = $3, cv_metrics = $4, timings = $5,
                       finished_at = now()
                WHERE model_id = $1 AND status = 'training'
                """, [modelID, blob.count, SHA256Digest.hex(blob), try JSONB(encoding: metrics), try JSONB(encoding: timings)])
            try fence.complete(db)
        }
        return ModelSummary(
            modelID: modelID, labelSet: data.labelSet, trainingSet: data.name, labelNames: data.labelNames,
            trainingCount: data.training.count, heldOutCount: data.heldOut.count, pixelCount: p,
            crossValidatedScatter: cv.overall.labels.map(\.scatter),
            crossValidatedRobustScatter: cv.overall.labels.map(\.robustScatter),
            secondsTraining: (t1 - t0).seconds, secondsValidation: (t2 - t1).seconds)
    }

    /// Labels of `count` spectra (normalised flux and ivar, count x P) by `model`, first guesses from the
    /// model's own noise-free spectra at the training labels.
    static func predict(_ model: SLAMModel, flux: [Float], ivar: [Float], count: Int) throws -> [Result<LabelFit, InferenceError>] {
        guard count > 0 else { return [] }
        let predictor = try SLAMPredictor(model: model)
        let templates = try TemplateLibrary(modelSpectraOf: predictor)
        return try predictor.predict(flux: flux, ivar: ivar, count: count, templates: templates)
    }
}
