import Catalogue
import Store
import StoreTestSupport
import Testing

/// A model's training outputs: precision table, pixels, validation predictions.
@Suite("Model precision queries")
struct ModelPrecisionQueriesTests {
    @Test func precisionRowsRoundTripBinsFirst() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let (model, _, _) = try CatalogueWorld.readyModel(db)
                let rows = [
                    ModelPrecisionRow(label: "teff", scope: "bin", snrMin: 20, snrMax: 50, count: 3, bias: 1, scatter: 40, robustScatter: 35, errorCalibration: 1.2),
                    ModelPrecisionRow(label: "teff", scope: "bin", snrMin: 0, snrMax: 20, count: 2, bias: nil, scatter: 90, robustScatter: nil, errorCalibration: nil),
                    ModelPrecisionRow(label: "teff", scope: "all", snrMin: 0, snrMax: 50, count: 5, bias: 0.5, scatter: 60, robustScatter: 50, errorCalibration: 1.1),
                ]
                try ModelPrecisionQueries.write(modelID: model, rows, db: db)
                #expect(try ModelPrecisionQueries.rows(modelID: model, db: db) == [rows[1], rows[0], rows[2]])
                #expect(try ModelPrecisionQueries.binEdges(modelID: model, db: db).map { [$0.0, $0.1] } == [[0, 20], [20, 50]])
                #expect(try ModelQueries.list(db: db).first?.scatter == [60, nil])

                try ModelPixelQueries.write(modelID: model, [
                    ModelPixelRow(pixel: 0, wavelength: 3900, c: 1, epsilon: 0.1, gamma: 0.5, crossValidatedMSE: .infinity, supportVectors: 2),
                ], db: db)
                #expect(try CatalogueWorld.count(db, "SELECT count(*) FROM model_pixel WHERE model_id = \(model)") == 1)

                try ModelValidationPredictionQueries.write(modelID: model, [
                    ModelValidationPredictionRow(obsid: 1, kind: "cross_validation", fold: 0, labels: [4001, 2], formalErrors: [10, 0.1],
                                                 reference: [4000, 2], snrg: 10),
                    ModelValidationPredictionRow(obsid: 2, kind: "held_out", fold: nil, labels: [.nan, .nan], formalErrors: [.nan, .nan],
                                                 reference: [4002, 2], snrg: 20),
                ], db: db)
                let cv = try ModelValidationPredictionQueries.crossValidation(modelID: model, db: db)
                #expect(cv.count == 1)
                #expect(cv.first?.labels == [4001, 2] && cv.first?.snrg == 10 && cv.first?.referenceErrors == nil)
            }
        }
    }
}
