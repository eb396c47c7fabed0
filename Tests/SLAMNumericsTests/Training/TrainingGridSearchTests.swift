import Foundation
import SLAMNumerics
import Testing

struct TrainingGridSearchTests {
    static let grid = HyperparameterGrid(c: [8, 0.5, 2], epsilon: [0.05, 0.2], gamma: [0.3, 1])

    @Test func gridSearchPicksTheSmallestCrossValidatedMSEOfBruteForce() throws {
        let data = TrainingTestData.make(stars: 36, labels: 2, pixels: 2, seed: 5)
        let options = SLAMTrainer.Options(tolerance: 1e-9, cPathPatience: nil)
        let model = try SLAMTrainer(options: options).train(data, hyperparameters: .grid(Self.grid, folds: 4, seed: 3))
        let folds = CrossValidationFolds(count: 36, folds: 4, seed: 3)
        for j in 0..<2 {
            let y = (0..<36).map { model.fluxScaler.forward(Double(data.flux[$0 * 2 + j]), column: j) }
            var best = (mse: Double.infinity, h: SVRHyperparameters(c: 0, epsilon: 0, gamma: 0))
            for gamma in Self.grid.gamma {
                let kernel = SVRKernelMatrix(points: model.trainingLabels, rows: 36, columns: 2, gamma: gamma)
                for epsilon in Self.grid.epsilon {
                    for c in Self.grid.c {
                        var sse = 0.0
                        for f in 0..<4 {
                            let train = folds.trainIndices(f)
                            let s = try EpsilonSVR(tolerance: 1e-9).solve(
                                kernel: kernel.submatrix(train), targets: train.map { y[$0] }, c: c, epsilon: epsilon)
                            for t in folds.testIndices(f) {
                                var pred = s.intercept
                                for (m, i) in train.enumerated() { pred += s.coefficients[m] * Double(kernel[i, t]) }
                                sse += (pred - y[t]) * (pred - y[t])
                            }
                        }
                        if sse / 36 < best.mse { best = (sse / 36, SVRHyperparameters(c: c, epsilon: epsilon, gamma: gamma)) }
                    }
                }
            }
            #expect(model.hyperparameters[j] == best.h)
            #expect(abs(model.crossValidatedMSE[j] - best.mse) <= 1e-6 * best.mse)
        }
    }

    @Test func crossValidationSolvesUseTheirOwnTolerance() throws {
        let data = TrainingTestData.make(stars: 36, labels: 2, pixels: 2, seed: 5)
        let grid = HyperparameterGrid(c: [8], epsilon: [0.05], gamma: [0.3])
        let choice = HyperparameterChoice.grid(grid, folds: 4, seed: 3)
        let tight = try SLAMTrainer(options: .init(tolerance: 1e-9)).train(data, hyperparameters: choice)
        // Loose final fit, tight CV solves: the CV MSE is the tight one, the coefficients are not.
        let mixed = try SLAMTrainer(options: .init(tolerance: 0.5, crossValidationTolerance: 1e-9))
            .train(data, hyperparameters: choice)
        // Tight final fit, loose CV solves: the other way round.
        let loose = try SLAMTrainer(options: .init(tolerance: 1e-9, crossValidationTolerance: 0.5))
            .train(data, hyperparameters: choice)
        for j in 0..<2 {
            #expect(abs(mixed.crossValidatedMSE[j] - tight.crossValidatedMSE[j]) <= 1e-9 * tight.crossValidatedMSE[j])
            #expect(abs(loose.crossValidatedMSE[j] - tight.crossValidatedMSE[j]) > 1e-9 * tight.crossValidatedMSE[j])
        }
        #expect(loose.coefficients == tight.coefficients)
        #expect(mixed.coefficients != tight.coefficients)
    }

    @Test func gridSearchIsDeterministicForASeedAndWorkerCount() throws {
        let data = TrainingTestData.make(stars: 30, labels: 3, pixels: 3, seed: 6)
        let choice = HyperparameterChoice.grid(Self.grid, folds: 3, seed: 17)
        let one = try SLAMTrainer(options: .init(workers: 1)).train(data, hyperparameters: choice)
        let two = try SLAMTrainer(options: .init(workers: 2)).train(data, hyperparameters: choice)
        let again = try SLAMTrainer(options: .init(workers: 2)).train(data, hyperparameters: choice)
        #expect(one == two && two == again)
    }
}

struct TrainingCPathTests {
    /// Stopping each C path once its CV MSE has risen twice skips the large-C solves, and on a problem whose
    /// CV MSE is unimodal in C it picks what the exhaustive search picks.
    @Test func earlyStoppedCPathsSolveFewerProblemsAndPickTheExhaustiveChoice() throws {
        let data = TrainingTestData.make(stars: 60, labels: 2, pixels: 4, seed: 8)
        let grid = HyperparameterGrid(c: (-5...9).map { pow(2, Double($0)) }, epsilon: [0.05, 0.1], gamma: [0.5])
        let choice = HyperparameterChoice.grid(grid, folds: 3, seed: 1)
        let (early, earlyReport) = try SLAMTrainer(options: .init(tolerance: 1e-6))
            .trainWithReport(data, hyperparameters: choice)
        let (full, fullReport) = try SLAMTrainer(options: .init(tolerance: 1e-6, cPathPatience: nil))
            .trainWithReport(data, hyperparameters: choice)
        #expect(fullReport.solves.allSatisfy { $0 == 2 * 15 * 3 + 1 })
        #expect(earlyReport.solves.reduce(0, +) < fullReport.solves.reduce(0, +))
        #expect(early.hyperparameters == full.hyperparameters)
        #expect(early.crossValidatedMSE == full.crossValidatedMSE)
    }
}
