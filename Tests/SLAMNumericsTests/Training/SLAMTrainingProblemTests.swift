import SLAMNumerics
import Testing

/// A training problem checks its choice and its fold sets before any shard runs.
@Suite struct SLAMTrainingProblemTests {
    @Test func describesItsShape() throws {
        let data = TrainingTestData.make(stars: 12, labels: 2, pixels: 4, seed: 1)
        let problem = try SLAMTrainingProblem(data, hyperparameters: SLAMTrainerShardTests.fixed,
                                              validationFolds: SLAMTrainerShardTests.folds(data, folds: 3, seed: 2))
        #expect((problem.pixelCount, problem.trainingCount, problem.foldCount) == (4, 12, 3))
    }

    @Test func refusesBadChoicesAndFoldSets() {
        let data = TrainingTestData.make(stars: 12, labels: 2, pixels: 4, seed: 1)
        #expect(throws: SLAMTrainingError.invalidHyperparameter(name: "per-pixel count", value: 3)) {
            try SLAMTrainingProblem(data, hyperparameters: .perPixel(Array(repeating: SVRHyperparameters(c: 1, epsilon: 0, gamma: 1), count: 3)))
        }
        #expect(throws: SLAMTrainingError.invalidHyperparameter(name: "C", value: -1)) {
            try SLAMTrainingProblem(data, hyperparameters: .fixed(SVRHyperparameters(c: -1, epsilon: 0, gamma: 1)))
        }
        #expect(throws: SLAMTrainingError.shapeMismatch(what: "fold 0 member", expected: 12, actual: 12)) {
            try SLAMTrainingProblem(data, hyperparameters: SLAMTrainerShardTests.fixed,
                                    validationFolds: [SLAMTrainingProblem.Fold(members: [0, 1, 12])])
        }
        // A fold over which a label is constant cannot be standardised.
        var flat = data
        for i in 0..<2 { flat.labels[i * 2] = 5000 }
        #expect(throws: SLAMTrainingError.constantLabel(name: "label0", value: 5000)) {
            try SLAMTrainingProblem(flat, hyperparameters: SLAMTrainerShardTests.fixed,
                                    validationFolds: [SLAMTrainingProblem.Fold(members: [0, 1])])
        }
    }
}
