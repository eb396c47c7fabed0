import Catalogue
import Foundation
import Queue
import SLAMNumerics
import Store

extension ModelTrainer {
    /// Trains `data` in this process (one shard over every pixel, the same code as a sharded training) and
    /// stores the model (``store(_:assembled:modelID:secondsTraining:db:fence:progress:)``).
    func trainAndStore(_ data: TrainingSetData, modelID: Int, db: PostgresConnection, fence: JobFence,
                       progress: (@Sendable (String, Int, Int) -> Void)?) throws -> ModelSummary {
        let l = data.labelNames.count, p = data.wavelength.count
        let clock = ContinuousClock()
        let t0 = clock.now
        logger.info("training model \(modelID) on \(data.name): \(data.training.count) stars x \(p) pixels x \(l) labels")
        let problem = try problem(data)
        // Progress over the whole job: the grid search and final fit, then the fold fits, in pixel units.
        let shard = try slamTrainer.trainShard(problem, pixels: 0..<p) { done, total in
            progress?("train", done * p * settings.validationFolds / max(total, 1), p * (settings.validationFolds + 1))
        }
        let assembled = try SLAMShardAssembler.assemble(problem, shards: [shard])
        return try store(data, assembled: assembled, modelID: modelID, secondsTraining: (clock.now - t0).seconds, db: db,
                         fence: fence, progress: progress)
    }

    /// Validates an assembled training and stores the model, whether it was trained in one job or in
    /// shards: predicts each cross-validation fold's held-out members with that fold's model and the set's
    /// held-out members with the model, computes the precision tables, then writes the blob, pixels,
    /// precision and validation rows and marks the model `ready` in one transaction that completes the
    /// job (`fence`).
    func store(_ data: TrainingSetData, assembled: SLAMShardAssembler.Result, modelID: Int, secondsTraining: Double,
               db: PostgresConnection, fence: JobFence, progress: (@Sendable (String, Int, Int) -> Void)?) throws -> ModelSummary {
        let l = data.labelNames.count, p = data.wavelength.count
        let model = assembled.model, report = assembled.report
        let clock = ContinuousClock()
        let t1 = clock.now
        let folds = settings.validationFolds
        progress?("validate", p * folds, p * (folds + 1))

        // Cross-validation of the whole method: each fold's model (trained without the fold, with the
        // chosen per-pixel hyperparameters) predicts the fold.
        let assignment = validationFolds(data)
        var predicted = [Double](repeating: .nan, count: data.training.count * l)
        var errors = [Double](repeating: .nan, count: data.training.count * l)
        for (f, foldModel) in assembled.foldModels.enumerated() {
            let testIdx = assignment.testIndices(f)
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
        let timings = ["train": secondsTraining, "validate": (t2 - t1).seconds]
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
            secondsTraining: secondsTraining, secondsValidation: (t2 - t1).seconds)
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
