import Catalogue
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
            try ModelBlobQueries.write(modelID: modelID, blob: blob, chunkBytes: Self.chunkBytes, db: db)
            try ModelValidationPredictionQueries.write(modelID: modelID, validationRows(data, assignment: assignment, predicted: predicted,
                                                                                        errors: errors, heldOutFits: heldOutFits), db: db)
            try ModelPixelQueries.write(modelID: modelID, (0..<p).map { j in
                let h = model.hyperparameters[j], mse = model.crossValidatedMSE[j]
                return ModelPixelRow(pixel: j, wavelength: data.wavelength[j], c: h.c, epsilon: h.epsilon, gamma: h.gamma,
                                     crossValidatedMSE: mse.isFinite ? mse : Double.infinity, supportVectors: report.supportVectors[j])
            }, db: db)
            try ModelPrecisionQueries.write(modelID: modelID, Self.precisionRows(cv, labelNames: data.labelNames), db: db)
            try ModelQueries.markReady(id: modelID, blobBytes: blob.count, blobSHA256: SHA256Digest.hex(blob),
                                       crossValidationMetrics: try JSONB(encoding: metrics), timings: try JSONB(encoding: timings), db: db)
            try fence.complete(db)
        }
        return ModelSummary(
            modelID: modelID, labelSet: data.labelSet, trainingSet: data.name, labelNames: data.labelNames,
            trainingCount: data.training.count, heldOutCount: data.heldOut.count, pixelCount: p,
            crossValidatedScatter: cv.overall.labels.map(\.scatter),
            crossValidatedRobustScatter: cv.overall.labels.map(\.robustScatter),
            secondsTraining: (t1 - t0).seconds, secondsValidation: (t2 - t1).seconds)
    }

    /// The `model_validation_prediction` rows: every training member's cross-validation prediction (with its
    /// fold), then every held-out member's prediction (NaN labels where its fit failed).
    func validationRows(_ data: TrainingSetData, assignment: CrossValidationFolds, predicted: [Double], errors: [Double],
                        heldOutFits: [Result<LabelFit, InferenceError>]) -> [ModelValidationPredictionRow] {
        let l = data.labelNames.count
        var rows: [ModelValidationPredictionRow] = []
        for i in 0..<data.training.count {
            rows.append(.init(obsid: data.training.obsids[i], kind: "cross_validation", fold: assignment.fold[i],
                              labels: predicted[(i * l)..<((i + 1) * l)].map(Float.init),
                              formalErrors: errors[(i * l)..<((i + 1) * l)].map(Float.init),
                              reference: data.training.labels[(i * l)..<((i + 1) * l)].map(Float.init), snrg: Float(data.training.snrg[i])))
        }
        for (i, result) in heldOutFits.enumerated() {
            let fit = try? result.get()
            rows.append(.init(obsid: data.heldOut.obsids[i], kind: "held_out", fold: nil,
                              labels: fit.map { $0.labels.map(Float.init) } ?? [Float](repeating: .nan, count: l),
                              formalErrors: fit.map { $0.formalErrors.map(Float.init) } ?? [Float](repeating: .nan, count: l),
                              reference: data.heldOut.labels[(i * l)..<((i + 1) * l)].map(Float.init), snrg: Float(data.heldOut.snrg[i])))
        }
        return rows
    }

    /// The `model_precision` rows of the cross-validation statistics: every S/N bin, then all S/N, per label.
    static func precisionRows(_ cv: PrecisionStatistics, labelNames: [String]) -> [ModelPrecisionRow] {
        func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
        var rows: [ModelPrecisionRow] = []
        for (scope, bin) in cv.bins.map({ ("bin", $0) }) + [("all", cv.overall)] {
            for (j, name) in labelNames.enumerated() {
                let s = bin.labels[j]
                rows.append(.init(label: name, scope: scope, snrMin: bin.lowerSNR, snrMax: bin.upperSNR, count: s.count,
                                  bias: finite(s.bias), scatter: finite(s.scatter), robustScatter: finite(s.robustScatter),
                                  errorCalibration: finite(s.pullScatter)))
            }
        }
        return rows
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
