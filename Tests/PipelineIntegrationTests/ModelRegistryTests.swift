import CatalogueTestSupport
import Foundation
import Pipeline
import Store
import Testing

/// Bad input to the model registry, trainer and predictor: clear errors, nothing written.
@Suite("Model registry: bad input")
struct ModelRegistryTests {
    @Test func resolveRejectsUnknownModels() async throws {
        try await FreshDatabase.run { db in
            for reference in ["999999", "newest", "", "1; DROP TABLE model"] {
                #expect(throws: PredictionError.self) { try ModelRegistry().resolve(reference, db: db) }
                do {
                    _ = try ModelRegistry().resolve(reference, db: db)
                } catch let error as PredictionError {
                    guard case .unknownModel(let text) = error else { Issue.record("\(error)"); continue }
                    #expect(text == reference)
                    #expect(error.description.contains("does not exist"))
                }
            }
            // "current" with no promoted model names the missing promotion.
            do {
                _ = try ModelRegistry().resolve("current", labelSet: "apogee-dr15", db: db)
                Issue.record("resolved a current model that does not exist")
            } catch let error as PredictionError {
                guard case .noCurrentModel(labelSet: "apogee-dr15") = error else { Issue.record("\(error)"); return }
                #expect(error.description.contains("slam model promote"))
            }
        }
    }

    @Test func promotingAnUnknownModelWritesNothing() async throws {
        try await FreshDatabase.run { db in
            do {
                try ModelRegistry().promote(424242, db: db)
                Issue.record("promoted a model that does not exist")
            } catch let error as PredictionError {
                guard case .unknownModel("424242") = error else { Issue.record("\(error)"); return }
            }
            #expect(throws: PredictionError.self) { try ModelRegistry().promoteIfNoWorse(424242, db: db) }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model_promotion") == 0)
        }
    }

    @Test func promotingAModelThatIsNotReadyIsRefused() async throws {
        try await FreshDatabase.run { db in
            let pp = try TinyModelWorld.spectra(db, first: 1, count: 3)
            let set = try TinyModelWorld.trainingSet(db, obsids: [1, 2, 3], preprocessingID: pp)
            let id = try TestRows.model(db, trainingSetID: set, preprocessingID: pp, labelSet: TinyModelWorld.labelSet)
            do {
                try ModelRegistry().promote(id, db: db)
                Issue.record("promoted a model still training")
            } catch let error as PredictionError {
                guard case .modelNotReady(id, status: "training") = error else { Issue.record("\(error)"); return }
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model_promotion") == 0)
        }
    }

    @Test func predictingWithAnUnknownModelWritesNothing() async throws {
        try await FreshDatabase.run { db in
            try TinyModelWorld.spectra(db, first: 1, count: 3)
            do {
                _ = try SpectrumPredictor().predict(modelID: 777, obsids: [1, 2, 3], db: db)
                Issue.record("predicted with a model that does not exist")
            } catch let error as PredictionError {
                guard case .unknownModel("777") = error else { Issue.record("\(error)"); return }
            }
            do {
                _ = try PredictJob.enqueue(modelID: 777, filter: try SpectrumFilter(""), db: db)
                Issue.record("enqueued predictions for a model that does not exist")
            } catch let error as PredictionError {
                guard case .unknownModel("777") = error else { Issue.record("\(error)"); return }
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction") == 0)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM rejection") == 0)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM job") == 0)
        }
    }

    @Test(arguments: [(members: 1, folds: 2), (members: 2, folds: 3), (members: 4, folds: 5)])
    func tooSmallATrainingSetIsRefusedWithoutAModelRow(members: Int, folds: Int) async throws {
        try await FreshDatabase.run { db in
            let pp = try TinyModelWorld.spectra(db, first: 1, count: members)
            try TinyModelWorld.trainingSet(db, obsids: (1...members).map(Int64.init), preprocessingID: pp)
            var settings = TinyModelWorld.settings
            settings.validationFolds = folds
            do {
                _ = try ModelTrainer(settings: settings, logger: TinyModelWorld.quietLogger())
                    .train(trainingSet: TinyModelWorld.trainingSetName, connection: db, jobID: 5)
                Issue.record("trained on \(members) members with \(folds) folds")
            } catch let error as ModelTrainingError {
                guard case let .tooFewMembers(trainingSet, found, needed) = error else { Issue.record("\(error)"); return }
                #expect(trainingSet == "tiny@1")
                #expect(found == members)
                #expect(needed > members)
                #expect(error.description.contains("at least \(needed)"))
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model") == 0)
        }
    }

    @Test func fewerMembersThanLabelsPlusOneIsRefused() async throws {
        try await FreshDatabase.run { db in
            // Two labels need at least three members even with two folds.
            let pp = try TinyModelWorld.spectra(db, first: 1, count: 2)
            try TinyModelWorld.trainingSet(db, obsids: [1, 2], preprocessingID: pp)
            do {
                _ = try ModelTrainer(settings: TinyModelWorld.settings, logger: TinyModelWorld.quietLogger())
                    .train(trainingSet: TinyModelWorld.trainingSetName, connection: db)
                Issue.record("trained a two-label model on two members")
            } catch let error as ModelTrainingError {
                guard case .tooFewMembers(_, 2, 3) = error else { Issue.record("\(error)"); return }
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model") == 0)
        }
    }

    @Test func anUnknownTrainingSetIsRefused() async throws {
        try await FreshDatabase.run { db in
            for reference in ["nope", "tiny@x", "12345"] {
                do {
                    _ = try ModelTrainer(settings: TinyModelWorld.settings).train(trainingSet: reference, connection: db)
                    Issue.record("trained on \(reference)")
                } catch let error as ModelTrainingError {
                    guard case .unknownTrainingSet(reference) = error else { Issue.record("\(error)"); continue }
                }
            }
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM model") == 0)
        }
    }

    @Test func injectedFilterTextTravelsAsAValue() async throws {
        try await FreshDatabase.run { db in
            let model = try TinyModelWorld.trainedModel(db)
            let filter = try SpectrumFilter("designation = 'x''; DROP TABLE prediction; --'")
            #expect(filter.comparisons == [.init(column: "designation", op: "=", value: .text("x'; DROP TABLE prediction; --"))])
            let planned = try PredictJob.enqueue(modelID: model, filter: filter, db: db)
            #expect(planned.spectra == 0)
            #expect(try TinyModelWorld.count(db, "SELECT count(*) FROM prediction") == 0)
            // A real filter selects what it says.
            let bright = try PredictJob.enqueue(modelID: model, filter: try SpectrumFilter("snrg >= 90 AND class = 'STAR'"), db: db)
            let expected = try TinyModelWorld.count(db, "SELECT count(*) FROM lamost_spectrum WHERE snrg >= 90")
            #expect(bright.spectra == expected)
            #expect(bright.spectra > 0)
        }
    }
}
