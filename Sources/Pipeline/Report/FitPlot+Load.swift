import Foundation
import Numerics
import Store

/// Why a fit could not be shown.
public enum FitPlotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No spectrum with this obsid is ingested.
    case unknownObsid(Int64)
    /// The spectrum has no prediction (from `modelID`, or from any model when nil).
    case noPrediction(obsid: Int64, modelID: Int?)
    /// The spectrum has no preprocessed spectrum on the model's grid (preprocessing `preprocessingID`).
    case noPreprocessedSpectrum(obsid: Int64, preprocessingID: Int)
    /// The stored arrays do not match the model's pixel or label counts.
    case inconsistent(obsid: Int64, modelID: Int, reason: String)

    public var description: String {
        switch self {
        case let .unknownObsid(obsid): "obsid \(obsid) is not ingested (see lamost_spectrum)"
        case let .noPrediction(obsid, modelID?): "obsid \(obsid) has no prediction from model \(modelID) (slam predict --model \(modelID))"
        case let .noPrediction(obsid, nil): "obsid \(obsid) has no prediction from any model (slam predict)"
        case let .noPreprocessedSpectrum(obsid, id): "obsid \(obsid) has no preprocessed spectrum of preprocessing \(id)"
        case let .inconsistent(obsid, modelID, reason): "obsid \(obsid), model \(modelID): \(reason)"
        }
    }
}

extension FitPlotData {
    /// Loads what `FitPlot.svg` draws for `obsid` and model `modelID` (nil: the current model of a label
    /// set that has predicted the spectrum, else the newest model that has). The model spectrum comes from
    /// `prediction_spectrum` when stored, else is recomputed from the model (loaded through `models`) and
    /// the stored preprocessed spectrum.
    /// - Throws: ``FitPlotError`` for an unknown obsid, no prediction or no preprocessed spectrum;
    ///   ``PredictionError`` when the model cannot be loaded; database errors.
    public static func load(obsid: Int64, modelID: Int?, db: PostgresConnection, models: ModelStore = ModelStore()) throws -> FitPlotData {
        guard let spectrum = try db.query("SELECT snrg::float8 FROM lamost_spectrum WHERE obsid = $1", [obsid]).first else {
            throw FitPlotError.unknownObsid(obsid)
        }
        guard let row = try db.query("""
            SELECT pr.model_id, pr.labels, pr.formal_errors, pr.calibrated_errors, pr.flags, m.label_names, m.preprocessing_id,
                   p.grid_start, p.grid_step
            FROM prediction pr JOIN model m USING (model_id) JOIN preprocessing p USING (preprocessing_id)
            LEFT JOIN model_current mc ON mc.model_id = pr.model_id
            WHERE pr.obsid = $1 AND ($2::int IS NULL OR pr.model_id = $2::int)
            ORDER BY (mc.model_id IS NOT NULL) DESC, pr.model_id DESC LIMIT 1
            """, [obsid, modelID]).first else {
            throw FitPlotError.noPrediction(obsid: obsid, modelID: modelID)
        }
        let model = try row.decode(Int.self, at: 0)
        let labels = try row.decode([Float].self, at: 1).map(Double.init)
        let formal = try row.decode([Float].self, at: 2).map(Double.init)
        let calibrated = try row.decode([Float]?.self, at: 3)?.map { $0.isFinite ? Double($0) : nil } ?? []
        let flags = try row.decode(Int.self, at: 4)
        let names = try row.decode([String].self, at: 5)
        let preprocessingID = try row.decode(Int.self, at: 6)
        let start = try row.decode(Double.self, at: 7), step = try row.decode(Double.self, at: 8)
        guard labels.count == names.count, formal.count == names.count else {
            throw FitPlotError.inconsistent(obsid: obsid, modelID: model, reason: "\(labels.count) labels for \(names.count) label names")
        }
        guard let pre = try db.query("SELECT flux, ivar FROM spectrum_preprocessed WHERE obsid = $1 AND preprocessing_id = $2",
                                     [obsid, preprocessingID]).first else {
            throw FitPlotError.noPreprocessedSpectrum(obsid: obsid, preprocessingID: preprocessingID)
        }
        let flux = try pre.decode([Float].self, at: 0), ivar = try pre.decode([Float].self, at: 1)
        let fit: FitSpectrum, stored: Bool
        if let s = try db.query("SELECT model_flux, residual FROM prediction_spectrum WHERE model_id = $1 AND obsid = $2",
                                [model, obsid]).first {
            fit = FitSpectrum(modelFlux: try s.decode([Float].self, at: 0), residual: try s.decode([Float].self, at: 1))
            stored = true
        } else {
            let loaded = try models.load(model, db: db)
            let predictor: SLAMPredictor
            do { predictor = try SLAMPredictor(model: loaded.model) } catch { throw PredictionError.inference(error) }
            fit = try FitSpectrum.compute(predictor: predictor, labels: labels, flux: flux, ivar: ivar)
            stored = false
        }
        guard fit.modelFlux.count == flux.count, ivar.count == flux.count else {
            throw FitPlotError.inconsistent(obsid: obsid, modelID: model, reason: "\(fit.modelFlux.count) model pixels for \(flux.count) spectrum pixels")
        }
        let flagNames = try db.query("SELECT name FROM flag_bits WHERE ($1::int & (1 << bit)) <> 0 ORDER BY bit", [flags]).rows
            .map { try $0.decode(String.self, at: 0) }
        return FitPlotData(
            obsid: obsid, modelID: model, snrg: try spectrum.decode(Double?.self, at: 0), labelNames: names, labels: labels,
            formalErrors: formal, calibratedErrors: calibrated, flags: flags, flagNames: flagNames,
            wavelength: (0..<flux.count).map { start + Double($0) * step }, flux: flux, ivar: ivar, fit: fit, storedFit: stored)
    }
}
