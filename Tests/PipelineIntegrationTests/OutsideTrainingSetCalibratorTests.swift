import Catalogue
import Foundation
@testable import Pipeline
import SLAMNumerics
import Store
import StoreTestSupport
import Testing

/// `OutsideTrainingSetCalibrator`: the inside fits it calibrates the rule on.
@Suite("outside_training_set calibration", .serialized)
struct OutsideTrainingSetCalibratorTests {
    /// A training member's own spectrum is fitted next to its training label. Counted as a training
    /// member, its `neighbour_distance` leaves that label out (the leave-one-out distance, as the
    /// threshold's own distances are); counted as an unseen star, it is the fit's own d_k, with the member's
    /// label among the neighbours.
    @Test func aTrainingMembersNeighbourDistanceLeavesItsOwnLabelOut() async throws {
        try await FreshDatabase.run { db in
            let modelID = try TinyModelWorld.trainedModel(db)
            let loaded = try ModelStore().load(modelID, db: db)
            let predictor = try SLAMPredictor(model: loaded.model, options: PredictionSettings().options())
            let templates = try TemplateLibrary(modelSpectraOf: predictor)
            // Spectrum 5 is one of the 30 members the model was trained on.
            let row = try #require(try PredictionQueries.pendingSpectra(preprocessingID: loaded.preprocessingID, obsids: [5],
                                                                        modelID: modelID, db: db).first)
            let flux = row.flux + row.flux, ivar = row.ivar + row.ivar
            let (inside, rule) = try OutsideTrainingSetCalibrator.insideFits(
                flux: flux, ivar: ivar, count: 2, trained: [true, false], predictor: predictor, templates: templates,
                edges: OutsideTrainingSetRule.defaultSNREdges, targetRate: 0.05)
            #expect(inside.count == 2)
            let fit = try predictor.predict(flux: row.flux, ivar: row.ivar, count: 1, templates: templates)[0].get()
            #expect(inside[1].neighbourDistance == fit.neighbourDistance)
            #expect(inside[0].neighbourDistance == predictor.neighbourhood.leaveOneOutDistance(fit.standardisedLabels))
            #expect(inside[0].neighbourDistance > inside[1].neighbourDistance)
            // neighbour_distance never flags within the support by bit 7's test: its threshold is at least bit 7's.
            let support = predictor.neighbourhood.threshold
            #expect(OutsideTrainingSetCalibrator.floors(predictor) == ["neighbour_distance": support])
            let i = try #require(rule.statistics.firstIndex(of: "neighbour_distance"))
            #expect(rule.bins.allSatisfy { ($0.thresholds[i] ?? .infinity) >= support })
        }
    }
}
