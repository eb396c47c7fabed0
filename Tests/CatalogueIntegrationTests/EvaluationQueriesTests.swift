import Catalogue
import CatalogueTestSupport
import Store
import StoreTestSupport
import Testing

/// The demo's evaluations: label names, training members, predictions with S/N, two models' CV predictions.
@Suite("Evaluation queries")
struct EvaluationQueriesTests {
    @Test func readsWhatTheEvaluationsCompare() async throws {
        try await TestDatabase.withFresh { database in
            try await database.withConnection { db in
                let pp = try CatalogueWorld.reportPreprocessing(db)
                try CatalogueWorld.reportSpectrum(db, obsid: 1, snrg: 80)
                try CatalogueWorld.reportSpectrum(db, obsid: 2, snrg: nil)
                let plain = try CatalogueWorld.reportModel(db, preprocessingID: pp, members: [(1, 4600, 2.5), (2, 4700, 2.6)], name: "p")
                let weighted = try CatalogueWorld.reportModel(db, preprocessingID: pp, members: [(1, 4600, 2.5)], name: "w")

                let members = try EvaluationQueries.trainingSetMembers(modelID: plain, db: db).sorted { $0.obsid < $1.obsid }
                #expect(members.map(\.obsid) == [1, 2] && members.map(\.labels) == [[4600, 2.5], [4700, 2.6]])

                try TestRows.prediction(db, modelID: plain, obsid: 1)
                try TestRows.prediction(db, modelID: plain, obsid: 2, labels: [4650, 2.4], flags: 4096 | 8)
                let predictions = try EvaluationQueries.predictions(modelID: plain, db: db).sorted { $0.obsid < $1.obsid }
                #expect(predictions.map(\.obsid) == [1, 2] && predictions[0].snrg == 80 && predictions[1].snrg == nil)
                #expect(predictions[1].labels == [4650, Double(Float(2.4))] && predictions[0].formalErrors == [40, Double(Float(0.05))])
                #expect(predictions.map(\.flags) == [0, 4096 | 8])

                // Only members cross-validated by both models.
                try TestRows.validationPrediction(db, modelID: plain, obsid: 1, labels: [4610, 2.5], reference: [4600, 2.5])
                try TestRows.validationPrediction(db, modelID: plain, obsid: 2, labels: [4690, 2.6], reference: [4700, 2.6])
                try TestRows.validationPrediction(db, modelID: weighted, obsid: 1, labels: [4620, 2.5], reference: [4600, 2.5])
                try TestRows.validationPrediction(db, modelID: weighted, obsid: 2, kind: "held_out", labels: [4690, 2.6], reference: [4700, 2.6])
                let pairs = try EvaluationQueries.crossValidationPairs(plain: plain, weighted: weighted, db: db)
                #expect(pairs.count == 1)
                #expect(pairs.first?.plain == [4610, 2.5] && pairs.first?.weighted == [4620, 2.5] && pairs.first?.reference == [4600, 2.5])
            }
        }
    }
}
