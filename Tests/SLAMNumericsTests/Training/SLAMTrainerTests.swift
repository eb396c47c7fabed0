import Foundation
import SLAMNumerics
import Testing

struct SLAMTrainerTests {
    static let fixed = HyperparameterChoice.fixed(SVRHyperparameters(c: 4, epsilon: 0.05, gamma: 0.3))

    @Test func fixedTrainingMatchesOneSVRPerPixel() throws {
        let data = TrainingTestData.make(stars: 60, labels: 3, pixels: 4, seed: 1)
        let model = try SLAMTrainer(options: .init(tolerance: 1e-6)).train(data, hyperparameters: Self.fixed)
        #expect(model.pixelCount == 4 && model.trainingCount == 60 && model.labelCount == 3)
        let kernel = SVRKernelMatrix(points: model.trainingLabels, rows: 60, columns: 3, gamma: 0.3)
        for j in 0..<4 {
            let y = (0..<60).map { model.fluxScaler.forward(Double(data.flux[$0 * 4 + j]), column: j) }
            let direct = try EpsilonSVR(tolerance: 1e-6).solve(kernel: kernel, targets: y, c: 4, epsilon: 0.05)
            #expect(Array(model.coefficients[(j * 60)..<((j + 1) * 60)]) == direct.coefficients)
            #expect(model.intercept[j] == direct.intercept)
            #expect(model.crossValidatedMSE[j].isFinite && model.crossValidatedMSE[j] < 0.2)
        }
    }

    @Test func badFluxGetsWeightZeroAndAnAllBadPixelIsUnusable() throws {
        var data = TrainingTestData.make(stars: 40, labels: 2, pixels: 3, seed: 2)
        data.flux[5 * 3 + 0] = .nan
        data.ivar[6 * 3 + 0] = 0
        for i in 0..<40 { data.ivar[i * 3 + 2] = 0 }
        let model = try SLAMTrainer().train(data, hyperparameters: Self.fixed)
        #expect(model.coefficients[0 * 40 + 5] == 0 && model.coefficients[0 * 40 + 6] == 0)
        #expect(!model.coefficients.contains { !$0.isFinite })
        #expect(model.fluxScaler.mean.allSatisfy { $0.isFinite })
        #expect(model.unusablePixels == [2])
        #expect(!model.isPixelUsable(2) && model.isPixelUsable(0))
        #expect(model.coefficients[(2 * 40)..<(3 * 40)].allSatisfy { $0 == 0 } && model.intercept[2] == 0)
        #expect(model.hyperparameters[2].gamma > 0)
    }

    @Test func degenerateInputsThrowTheDocumentedErrors() {
        let trainer = SLAMTrainer()
        let good = TrainingTestData.make(stars: 10, labels: 2, pixels: 2, seed: 3)
        func with(_ change: (inout SLAMTrainingData) -> Void) -> SLAMTrainingData { var d = good; change(&d); return d }
        #expect(throws: SLAMTrainingError.noTrainingStars) {
            try trainer.train(with { $0.labels = []; $0.flux = []; $0.ivar = [] }, hyperparameters: Self.fixed)
        }
        #expect(throws: SLAMTrainingError.tooFewTrainingStars(count: 1, minimum: 2)) {
            try trainer.train(with { $0.labels = Array($0.labels[0..<2]); $0.flux = [1, 1]; $0.ivar = [1, 1] },
                              hyperparameters: Self.fixed)
        }
        #expect(throws: SLAMTrainingError.constantLabel(name: "label1", value: 7)) {
            try trainer.train(with { for i in 0..<10 { $0.labels[i * 2 + 1] = 7 } }, hyperparameters: Self.fixed)
        }
        #expect(throws: SLAMTrainingError.nonFiniteLabel(star: 3, label: "label0", value: .infinity)) {
            try trainer.train(with { $0.labels[6] = .infinity }, hyperparameters: Self.fixed)
        }
        #expect(throws: SLAMTrainingError.shapeMismatch(what: "ivar", expected: 20, actual: 19)) {
            try trainer.train(with { $0.ivar.removeLast() }, hyperparameters: Self.fixed)
        }
        #expect(throws: SLAMTrainingError.emptyDimension(what: "pixels")) {
            try trainer.train(with { $0.wavelength = []; $0.flux = []; $0.ivar = [] }, hyperparameters: Self.fixed)
        }
        #expect(throws: SLAMTrainingError.invalidHyperparameter(name: "gamma", value: 0)) {
            try trainer.train(good, hyperparameters: .fixed(SVRHyperparameters(c: 1, epsilon: 0.1, gamma: 0)))
        }
        #expect(throws: SLAMTrainingError.invalidGrid(reason: "1 folds; at least 2 are needed")) {
            try trainer.train(good, hyperparameters: .grid(.slamDefault(labelCount: 2), folds: 1, seed: 1))
        }
        #expect(throws: SLAMTrainingError.invalidTolerance(-1)) {
            try SLAMTrainer(options: .init(tolerance: -1)).train(good, hyperparameters: Self.fixed)
        }
        #expect(throws: SLAMTrainingError.invalidTolerance(0)) {
            try SLAMTrainer(options: .init(crossValidationTolerance: 0))
                .train(good, hyperparameters: .grid(.slamDefault(labelCount: 2), folds: 2, seed: 1))
        }
    }

    @Test func foldsAreDeterministicAndBalanced() {
        let a = CrossValidationFolds(count: 23, folds: 5, seed: 9)
        #expect(a == CrossValidationFolds(count: 23, folds: 5, seed: 9))
        #expect(a != CrossValidationFolds(count: 23, folds: 5, seed: 10))
        let sizes = (0..<5).map { a.testIndices($0).count }
        #expect(sizes.max()! - sizes.min()! <= 1 && sizes.reduce(0, +) == 23)
        #expect(Set(a.trainIndices(2)).isDisjoint(with: a.testIndices(2)))
    }

    @Test func progressReachesTheTotal() throws {
        let data = TrainingTestData.make(stars: 20, labels: 2, pixels: 5, seed: 4)
        let last = ProgressRecorder()
        _ = try SLAMTrainer(options: .init(workers: 2)).train(data, hyperparameters: Self.fixed) { done, total in
            last.record(done, total)
        }
        #expect(last.value == (5, 5))
    }
}

/// Keeps the largest progress report (called from worker threads). `@unchecked Sendable`: guarded by `lock`.
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0, total = 0
    func record(_ d: Int, _ t: Int) { lock.lock(); if d > done { done = d; total = t }; lock.unlock() }
    var value: (Int, Int) { lock.lock(); defer { lock.unlock() }; return (done, total) }
}
