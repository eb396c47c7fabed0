import Catalogue
import Foundation
import Report
import SLAMNumerics
import Store

extension FitPlotData {
    /// Loads what `FitPlot.svg` draws for `obsid` and model `modelID` (nil: the current model of a label
    /// set that has predicted the spectrum, else the newest model that has). The model spectrum comes from
    /// `prediction_spectrum` when stored, else is recomputed from the model (loaded through `models`) and
    /// the stored preprocessed spectrum. The queries are ``FitPlotQueries``.
    /// - Throws: ``FitPlotError`` for an unknown obsid, no prediction or no preprocessed spectrum;
    ///   ``PredictionError`` when the model cannot be loaded; database errors.
    public static func load(obsid: Int64, modelID: Int?, db: PostgresConnection, models: ModelStore = ModelStore()) throws -> FitPlotData {
        guard let snrg = try FitPlotQueries.snrg(obsid: obsid, db: db) else { throw FitPlotError.unknownObsid(obsid) }
        guard let row = try FitPlotQueries.prediction(obsid: obsid, modelID: modelID, db: db) else {
            throw FitPlotError.noPrediction(obsid: obsid, modelID: modelID)
        }
        let model = row.modelID, labels = row.labels, names = row.labelNames
        guard labels.count == names.count, row.formalErrors.count == names.count else {
            throw FitPlotError.inconsistent(obsid: obsid, modelID: model, reason: "\(labels.count) labels for \(names.count) label names")
        }
        guard let (flux, ivar) = try FitPlotQueries.preprocessedSpectrum(obsid: obsid, preprocessingID: row.preprocessingID, db: db) else {
            throw FitPlotError.noPreprocessedSpectrum(obsid: obsid, preprocessingID: row.preprocessingID)
        }
        let fit: FitSpectrum, stored: Bool
        if let s = try FitPlotQueries.storedFit(modelID: model, obsid: obsid, db: db) {
            fit = s
            stored = true
        } else {
            let loaded = try models.load(model, db: db)
            let predictor: SLAMPredictor
            do { predictor = try SLAMPredictor(model: loaded.model) } catch { throw PredictionError.inference(error) }
            fit = try FitSpectrum.compute(predictor: predictor, labels: row.fitLabels, flux: flux, ivar: ivar,
                                          continuumCorrection: row.continuumCorrection)
            stored = false
        }
        guard fit.modelFlux.count == flux.count, ivar.count == flux.count else {
            throw FitPlotError.inconsistent(obsid: obsid, modelID: model, reason: "\(fit.modelFlux.count) model pixels for \(flux.count) spectrum pixels")
        }
        let flagNames = try FitPlotQueries.flagNames(row.flags, db: db)
        let start = row.gridStart, step = row.gridStep
        return FitPlotData(
            obsid: obsid, modelID: model, snrg: snrg, labelNames: names, labels: labels,
            formalErrors: row.formalErrors, calibratedErrors: row.calibratedErrors, flags: row.flags, flagNames: flagNames,
            wavelength: (0..<flux.count).map { start + Double($0) * step }, flux: flux, ivar: ivar, fit: fit, storedFit: stored)
    }
}
