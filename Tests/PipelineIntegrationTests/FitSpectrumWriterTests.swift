import CatalogueTestSupport
import Pipeline
import Report
import SLAMNumerics
import Store
import Testing

/// Fit spectra of stored predictions: recomputed from the model at the stored labels, written once per
/// prediction that exists with finite labels, and refused for a spectrum of the wrong length.
@Suite("Fit spectra of stored predictions", .serialized)
struct FitSpectrumWriterTests {
    @Test func storeWritesOneFitPerPredictionWithFiniteLabelsAndNoFitYet() async throws {
        try await FreshDatabase.run { db throws -> Void in
            let model = try TinyModelWorld.trainedModel(db)  // spectra 1...40 on the 12-pixel grid
            let (teff, logg) = TinyModelWorld.labels(35)
            let labels = [Float(teff), Float(logg)]
            try TestRows.prediction(db, modelID: model, obsid: 35, labels: labels, pixelCount: TinyModelWorld.pixels)
            try TestRows.prediction(db, modelID: model, obsid: 36, labels: [.nan, 2], pixelCount: TinyModelWorld.pixels)
            // 36: a label not finite; 37: no prediction. Neither gets a fit.
            #expect(try FitSpectrum.store(modelID: model, obsids: [35, 36, 37], db: db) == 1)
            #expect(try FitSpectrum.store(modelID: model, obsids: [35, 36, 37], db: db) == 0, "a stored fit is kept")

            let row = try #require(try db.query("SELECT obsid, model_flux, residual FROM prediction_spectrum WHERE model_id = \(model)").first)
            #expect(try row.decode(Int64.self, at: 0) == 35)
            let modelFlux = try row.decode([Float].self, at: 1), residual = try row.decode([Float].self, at: 2)
            // Independently of the writer: the model spectrum at the stored labels, and observed minus model.
            let predictor = try SLAMPredictor(model: ModelStore().load(model, db: db).model)
            let expected = try predictor.modelSpectrum(labels: labels.map(Double.init)).map(Float.init)
            #expect(modelFlux == expected)
            // The observed flux as stored (16-bit codes, decoded).
            let flux = try CompactSpectrumArrays(flux: TinyModelWorld.flux(teff: teff, logg: logg),
                                                 ivar: [Float](repeating: 1e4, count: TinyModelWorld.pixels)).flux
            #expect(residual == zip(flux, modelFlux).map { $0 - $1 })
        }
    }

    @Test func computeRefusesASpectrumOfAnotherLengthThanTheModel() async throws {
        try await FreshDatabase.run { db throws -> Void in
            let model = try TinyModelWorld.trainedModel(db)
            let predictor = try SLAMPredictor(model: ModelStore().load(model, db: db).model)
            let error = #expect(throws: PredictionError.self) {
                try FitSpectrum.compute(predictor: predictor, labels: [4500, 2.5], flux: [1, 1, 1], ivar: [1, 1, 1])
            }
            guard case .inference(.wrongLength(name: "flux", expected: TinyModelWorld.pixels, actual: 3)) = error else {
                Issue.record("\(String(describing: error))")
                return
            }
        }
    }
}
