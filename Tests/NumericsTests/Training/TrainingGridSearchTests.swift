import Foundation
import Numerics
import Testing

struct TrainingGridSearchTests {
    static let grid = HyperparameterGrid(c: [8, 0.5, 2], epsilon: [0.05, 0.2], gamma: [0.3, 1])

    @Test func gridSearchPicksTheSmallestCrossValidatedMSEOfBruteForce() throws {
        let data = TrainingTestData.make(stars: 36, labels: 2, pixels: 2, seed: 5)
        let options = SLAMTrainer.Options(tolerance: 1e-9)
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

    @Test func gridSearchIsDeterministicForASeedAndWorkerCount() throws {
        let data = TrainingTestData.make(stars: 30, labels: 3, pixels: 3, seed: 6)
        let choice = HyperparameterChoice.grid(Self.grid, folds: 3, seed: 17)
        let one = try SLAMTrainer(options: .init(workers: 1)).train(data, hyperparameters: choice)
        let two = try SLAMTrainer(options: .init(workers: 2)).train(data, hyperparameters: choice)
        let again = try SLAMTrainer(options: .init(workers: 2)).train(data, hyperparameters: choice)
        #expect(one == two && two == again)
    }
}
