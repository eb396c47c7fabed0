import Catalogue
import Foundation
import Report
import SLAMNumerics
import Store

extension FitSpectrum {
    /// Recomputes the fit spectrum from the model and the preprocessed spectrum (flux and ivar, P entries
    /// each) at physical labels `labels`; with a `continuumCorrection` (Legendre coefficients, as
    /// `prediction.continuum_correction`) the model is multiplied by it, as the fit saw it. Throws
    /// `InferenceError` (wrapped in ``PredictionError``) for labels of the wrong length or not finite.
    public static func compute(predictor: SLAMPredictor, labels: [Double], flux: [Float], ivar: [Float],
                               continuumCorrection: [Double] = []) throws -> FitSpectrum {
        guard flux.count == predictor.pixelCount, ivar.count == predictor.pixelCount else {
            throw PredictionError.inference(.wrongLength(name: "flux", expected: predictor.pixelCount, actual: flux.count))
        }
        do {
            let model = corrected(try predictor.modelSpectrum(labels: labels), by: continuumCorrection)
            return FitSpectrum(model: model, flux: flux[...], ivar: ivar[...])
        } catch {
            throw PredictionError.inference(error)
        }
    }
}

extension FitSpectrum {
    /// `model` (P entries) times the continuum correction with Legendre coefficients `coefficients`
    /// (unchanged when empty).
    static func corrected(_ model: [Double], by coefficients: [Double]) -> [Double] {
        guard !coefficients.isEmpty else { return model }
        let p = ContinuumCorrection(coefficients: coefficients).values(count: model.count)
        return zip(model, p).map { $0 * $1 }
    }
}

/// Writes `prediction_spectrum` rows for a batch of new predictions, inside the caller's transaction.
enum FitSpectrumWriter {
    /// Model spectra for the successful `fits` (one per obsid; `flux`, `ivar` N x P row-major), written
    /// for the predictions that exist and have no stored spectrum yet.
    static func write(modelID: Int, obsids: [Int64], fits: [Result<LabelFit, InferenceError>], flux: [Float], ivar: [Float],
                      predictor: SLAMPredictor, db: PostgresConnection) throws {
        let p = predictor.pixelCount, l = predictor.labelCount
        var rows: [Int] = [], labels: [Double] = [], corrections: [[Double]] = []
        for (k, fit) in fits.enumerated() {
            guard case let .success(f) = fit, f.labels.count == l, f.labels.allSatisfy(\.isFinite) else { continue }
            rows.append(k)
            labels += f.labels
            corrections.append(f.continuumCorrection)
        }
        guard !rows.isEmpty else { return }
        let models: [Double]
        do { models = try predictor.modelSpectra(labels: labels, count: rows.count) } catch {
            throw PredictionError.inference(error)
        }
        try PredictionSpectrumQueries.writeStaged({ copy in
            for (i, k) in rows.enumerated() {
                let spectrum = FitSpectrum(model: FitSpectrum.corrected(Array(models[(i * p)..<((i + 1) * p)]), by: corrections[i]),
                                           flux: flux[(k * p)..<((k + 1) * p)], ivar: ivar[(k * p)..<((k + 1) * p)])
                try copy.append([modelID, obsids[k], spectrum.modelFlux, spectrum.residual])
            }
        }, db: db)
    }
}

extension FitSpectrum {
    /// Computes and stores (`prediction_spectrum`) the fit spectra of existing predictions of model
    /// `modelID` for `obsids` (e.g. the demo's example spectra), recomputing each model spectrum from the
    /// stored fit's labels (`ml_labels`, else `labels`) and preprocessed spectrum; predictions that already have one, or do not exist, are
    /// skipped. Returns the number of rows written. Throws ``PredictionError`` when the model cannot be loaded.
    @discardableResult
    public static func store(modelID: Int, obsids: [Int64], db: PostgresConnection, models: ModelStore = ModelStore()) throws -> Int {
        let loaded = try models.load(modelID, db: db)
        let predictor: SLAMPredictor
        do { predictor = try SLAMPredictor(model: loaded.model) } catch { throw PredictionError.inference(error) }
        var written = 0
        for r in try PredictionSpectrumQueries.predictionsWithoutSpectrum(modelID: modelID, obsids: obsids,
                                                                          preprocessingID: loaded.preprocessingID, db: db) {
            let labels = r.labels.map(Double.init)
            guard labels.count == predictor.labelCount, labels.allSatisfy(\.isFinite) else { continue }
            let fit = try compute(predictor: predictor, labels: labels, flux: r.flux, ivar: r.ivar,
                                  continuumCorrection: r.continuumCorrection.map(Double.init))
            if try PredictionSpectrumQueries.insert(modelID: modelID, obsid: r.obsid, modelFlux: fit.modelFlux,
                                                    residual: fit.residual, db: db) { written += 1 }
        }
        return written
    }
}
