import Foundation
import Numerics
import Queue
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
            if try db.query("SELECT 1 FROM posterior WHERE model_id = $1 AND obsid = $2", [modelID, obsid]).first != nil {
                summary.alreadySampled += 1
                continue
            }
            guard let row = try db.query("""
                SELECT flux, ivar FROM spectrum_preprocessed WHERE preprocessing_id = $1 AND obsid = $2
                """, [loaded.preprocessingID, obsid]).first else {
                throw PosteriorError.unknownSpectrum(obsid: obsid, modelID: modelID, preprocessingID: loaded.preprocessingID)
            }
            let flux = try row.decode([Float].self, "flux"), ivar = try row.decode([Float].self, "ivar")
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
                summary.written += try db.execute("""
                    INSERT INTO posterior (model_id, obsid, label_names, fit_labels, p16, p50, p84, acceptance, autocorrelation,
                                           walkers, steps, burn_in, seed, loss, posterior_job_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                    ON CONFLICT (model_id, obsid) DO NOTHING
                    """, [modelID, obsid, loaded.model.labelNames, labelFit.labels.map(Float.init),
                          posterior.percentile16.map(Float.init), posterior.median.map(Float.init),
                          posterior.percentile84.map(Float.init), Float(posterior.acceptanceFraction),
                          posterior.autocorrelationTime.map(Float.init), sampler.walkers, sampler.steps, sampler.burnIn,
                          Int64(bitPattern: sampler.seed), labelFit.loss.name, jobID])
            }
            try fence.complete(db)
        }
        return summary
    }
}
