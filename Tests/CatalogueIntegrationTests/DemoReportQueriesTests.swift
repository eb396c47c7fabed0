import Catalogue
import CatalogueTestSupport
import Report
import Store
import StoreTestSupport
import Testing

/// What the demo report plots: validation pairs, the predicted catalogue, model pixels, example spectra.
@Suite("Demo report queries")
struct DemoReportQueriesTests {
    @Test func gathersAModelsPlots() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try CatalogueWorld.reportPreprocessing(db)
                for (obsid, snrg) in [(1, 95.0), (2, 30.0), (3, 21.0), (4, 100.0)] as [(Int64, Double)] {
                    try CatalogueWorld.reportSpectrum(db, obsid: obsid, snrg: snrg, preprocessingID: obsid == 4 ? nil : pp)
                }
                let model = try CatalogueWorld.reportModel(db, preprocessingID: pp, members: [(1, 4600, 2.5), (2, 4700, 2.6)])
                try TestRows.validationPrediction(db, modelID: model, obsid: 2, kind: "held_out", labels: [4710, 2.61], reference: [4700, 2.6], snrg: nil)
                try TestRows.validationPrediction(db, modelID: model, obsid: 1, labels: [4610, 2.49], reference: [4600, 2.5])
                try TestRows.prediction(db, modelID: model, obsid: 1)
                try TestRows.prediction(db, modelID: model, obsid: 2, status: "failed")
                try TestRows.prediction(db, modelID: model, obsid: 3, status: "converged_at_edge", flags: (1 << 12) | (1 << 3))
                try TestRows.prediction(db, modelID: model, obsid: 4)

                let members = try DemoReportQueries.validationPairs(modelID: model, db: db)
                #expect(members.predicted == [4610, Double(Float(2.49)), 4710, Double(Float(2.61))])
                #expect(members.reference == [4600, 2.5, 4700, Double(Float(2.6))])
                #expect(members.snr[0] == 50 && members.snr[1].isNaN && members.marked == [false, true])

                let (obsids, catalogue) = try DemoReportQueries.predictedCatalogue(modelID: model, db: db)
                #expect(obsids == [1, 2, 3, 4] && catalogue.snr == [95, 30, 21, 100])
                #expect(catalogue.predicted.count == 8 && catalogue.reference.isEmpty && catalogue.marked == [false, false, true, false])  // 3: outside_training_set

                for pixel in 0..<3 {
                    try TestRows.modelPixel(db, modelID: model, pixel: 2 - pixel, wavelength: 3900 + Double(2 - pixel) * 2)
                }
                let pixels = try DemoReportQueries.pixels(modelID: model, db: db)
                #expect(pixels.wavelength == [3900, 3902, 3904] && pixels.c == [4, 4, 4] && pixels.cvMSE.count == 3)

                // Converged (including "converged_at_edge") predictions only, nearest S/N_g.
                #expect(try DemoReportQueries.convergedPrediction(modelID: model, nearestSNR: 100, db: db) == 4)
                #expect(try DemoReportQueries.convergedPrediction(modelID: model, nearestSNR: 20, db: db) == 3)
                #expect(try DemoReportQueries.convergedPrediction(modelID: model + 1, nearestSNR: 20, db: db) == nil)
                // The example needs a preprocessed spectrum: obsid 4 has none, so obsid 1.
                let example = try #require(try DemoReportQueries.exampleSpectrum(modelID: model, preprocessingID: pp, db: db))
                #expect(example.obsid == 1 && example.snrg == 95 && example.labels == [4600, 2.5] && example.ivar[2] == 0)
            }
        }
    }
}
