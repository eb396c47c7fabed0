import Catalogue
import Foundation
import Queue
import SLAMNumerics
import Store

/// Samples the label posterior of single spectra with one model (`SLAMPredictor.samplePosterior`,
/// started from a fresh Levenberg-Marquardt fit with the same settings) and writes one `posterior` row
/// per spectrum. Every spectrum is checked and sampled before anything is written: an unknown obsid or a
/// spectrum with every pixel masked throws and writes nothing. A spectrum that already has a posterior
/// from the model is skipped.
public struct PosteriorRunner: Sendable {
    /// Where models come from (cached per process).
    public let models: ModelStore

    /// A runner loading models through `models`.
    public init(models: ModelStore = ModelStore()) { self.models = models }

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        /// `posterior` rows written.
        public var written = 0
        /// Spectra skipped because the model already has their posterior.
        public var alreadySampled = 0
    }

    /// Samples `obsids` with model `modelID`. Throws ``PosteriorError``.
    public func run(modelID: Int, obsids: [Int64], sampler: EnsembleSamplerSettings, fit: PredictionSettings = .init(),
                    db: PostgresConnection, jobID: Int64? = nil, fence: JobFence = .unfenced) throws(PosteriorError) -> Summary {
        do {
            return try runUnchecked(modelID: modelID, obsids: obsids, sampler: sampler, fit: fit, db: db, jobID: jobID, fence: fence)
        } catch let error as PosteriorError {
            throw error
        } catch let error as PredictionError {
            throw .prediction(error)
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .prediction(.invalidSettings("\(error)"))
        }
    }

    private func runUnchecked(modelID: Int, obsids: [Int64], sampler: EnsembleSamplerSettings, fit: PredictionSettings,
                              db: PostgresConnection, jobID: Int64?, fence: JobFence) throws -> Summary {
        let loaded = try models.load(modelID, db: db)
        let p = loaded.model.pixelCount
        var summary = Summary()
        var spectra: [(obsid: Int64, flux: [Float], ivar: [Float])] = []
        for obsid in obsids {
            if try PosteriorQueries.exists(modelID: modelID, obsid: obsid, db: db) {
                summary.alreadySampled += 1
                continue
            }
            guard let (flux, ivar) = try PosteriorQueries.preprocessedSpectrum(obsid: obsid, preprocessingID: loaded.preprocessingID, db: db) else {
                throw PosteriorError.unknownSpectrum(obsid: obsid, modelID: modelID, preprocessingID: loaded.preprocessingID)
            }
            guard flux.count == p, ivar.count == p else {
                throw PosteriorError.inference(obsid: obsid, .wrongLength(name: "flux", expected: p, actual: flux.count))
            }
            spectra.append((obsid, flux, ivar))
        }
        guard !spectra.isEmpty else { return summary }
        let predictor: SLAMPredictor
        let templates: TemplateLibrary
        do {
            predictor = try SLAMPredictor(model: loaded.model, options: try fit.options())
            templates = try models.templates(modelID) { try TemplateLibrary(modelSpectraOf: predictor) }
        } catch let error as InferenceError {
            throw PredictionError.inference(error)
        }
        var rows: [(Int64, LabelFit, LabelPosterior)] = []
        for spectrum in spectra {
            do throws(InferenceError) {
                let result = try predictor.predict(flux: spectrum.flux, ivar: spectrum.ivar, count: 1, templates: templates)[0]
                let labelFit = try result.get()
                let posterior = try predictor.samplePosterior(flux: spectrum.flux, ivar: spectrum.ivar, from: labelFit, settings: sampler)
                rows.append((spectrum.obsid, labelFit, posterior))
            } catch {
                throw PosteriorError.inference(obsid: spectrum.obsid, error)
            }
        }
        try db.transaction { db in
            for (obsid, labelFit, posterior) in rows {
                let row = PosteriorRow(
                    modelID: modelID, obsid: obsid, labelNames: loaded.model.labelNames, fitLabels: labelFit.labels.map(Float.init),
                    p16: posterior.percentile16.map(Float.init), p50: posterior.median.map(Float.init),
                    p84: posterior.percentile84.map(Float.init), acceptance: Float(posterior.acceptanceFraction),
                    autocorrelation: posterior.autocorrelationTime.map(Float.init), walkers: sampler.walkers, steps: sampler.steps,
                    burnIn: sampler.burnIn, seed: Int64(bitPattern: sampler.seed), loss: labelFit.loss.name, jobID: jobID)
                if try PosteriorQueries.insert(row, db: db) { summary.written += 1 }
            }
            try fence.complete(db)
        }
        return summary
    }

    /// One sampled posterior as `slam posterior` shows it.
    public struct Stored: Sendable, Equatable {
        public var obsid: Int64
        public var labelNames: [String]
        /// 16th, 50th and 84th percentiles per label, label units.
        public var p16: [Float]
        public var p50: [Float]
        public var p84: [Float]
        /// Mean acceptance fraction, 0...1.
        public var acceptance: Float
        /// Integrated autocorrelation time per label, steps.
        public var autocorrelation: [Float]
    }

    /// The stored posteriors of model `modelID` for `obsids`, by obsid.
    public static func stored(modelID: Int, obsids: [Int64], db: PostgresConnection) throws(PostgresError) -> [Stored] {
        try PosteriorQueries.posteriors(modelID: modelID, obsids: obsids, db: db).map { row in
            Stored(obsid: row.obsid, labelNames: row.labelNames, p16: row.p16, p50: row.p50, p84: row.p84, acceptance: row.acceptance,
                   autocorrelation: row.autocorrelation)
        }
    }
}
