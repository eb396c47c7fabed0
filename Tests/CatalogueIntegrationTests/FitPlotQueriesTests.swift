import Catalogue
import CatalogueTestSupport
import Report
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// What a fit figure gathers: S/N, the prediction (which model), the preprocessed and stored spectra, flag names.
@Suite("Fit plot queries")
struct FitPlotQueriesTests {
    @Test func gathersOnePredictionsFigure() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try CatalogueWorld.reportPreprocessing(db)
                try CatalogueWorld.reportSpectrum(db, obsid: 7, snrg: 42, preprocessingID: pp)
                try CatalogueWorld.reportSpectrum(db, obsid: 8, snrg: nil)
                let older = try CatalogueWorld.reportModel(db, preprocessingID: pp, members: [(7, 4600, 2.5)], name: "a")
                let newer = try CatalogueWorld.reportModel(db, preprocessingID: pp, members: [(7, 4600, 2.5)], name: "b")
                try TestRows.prediction(db, modelID: older, obsid: 7, calibratedErrors: [52, .nan], flags: 1024)
                try TestRows.prediction(db, modelID: newer, obsid: 7, labels: [4700, 2.6])

                #expect(try FitPlotQueries.snrg(obsid: 7, db: db) == .some(42))
                #expect(try FitPlotQueries.snrg(obsid: 8, db: db) == .some(nil))
                #expect(try FitPlotQueries.snrg(obsid: 9, db: db) == nil)

                // No model given and none current: the newest model that predicted it.
                #expect(try FitPlotQueries.prediction(obsid: 7, modelID: nil, db: db)?.modelID == newer)
                let row = try #require(try FitPlotQueries.prediction(obsid: 7, modelID: older, db: db))
                #expect(row.labels == [4600, 2.5] && row.labelNames == ["teff", "logg"] && row.preprocessingID == pp)
                #expect(row.calibratedErrors == [52, nil] && row.flags == 1024)
                #expect(row.gridStart == 3900 && row.gridStep == 2)
                #expect(try FitPlotQueries.prediction(obsid: 8, modelID: nil, db: db) == nil)

                let spectrum = try #require(try FitPlotQueries.preprocessedSpectrum(obsid: 7, preprocessingID: pp, db: db))
                // As stored: 16-bit codes (CompactSpectrumArrays), decoded.
                let stored = try CompactSpectrumArrays(flux: [1, 0.9, 0.8, 1], ivar: [100, 100, 0, 100])
                #expect(spectrum.flux == stored.flux && spectrum.ivar == stored.ivar)
                #expect(try FitPlotQueries.preprocessedSpectrum(obsid: 8, preprocessingID: pp, db: db) == nil)

                #expect(try FitPlotQueries.storedFit(modelID: older, obsid: 7, db: db) == nil)
                try TestRows.predictionSpectrum(db, modelID: older, obsid: 7, residual: [0, -0.1, .nan, 0])
                let fit = try #require(try FitPlotQueries.storedFit(modelID: older, obsid: 7, db: db))
                #expect(fit.modelFlux == [1, 1, 1, 1] && fit.residual[1] == -0.1 && fit.residual[2].isNaN)

                #expect(try FitPlotQueries.flagNames(0, db: db).isEmpty)
                #expect(try FitPlotQueries.flagNames(1024, db: db) == ["normalisation_fallback"])
            }
        }
    }
}
